/* pamats: fixes to docassemble 1.10.5's page furniture, loaded on every page by the server
 * configuration (`global javascript: docassemble.pamats:data/static/pamats.js`).
 *
 * 1. Dates on Latvian screens are typed and shown as dd.mm.gggg: each <input type="date"> of
 *    the form becomes a text field (placeholder dd.mm.gggg) with a calendar button that opens
 *    the browser's date picker; the picked date is written back as dd.mm.gggg. An impossible
 *    date (31.02.2025) fails docassemble's own "date" rule, so its message (Latvian, from
 *    data/sources/lv-da-words.yml) is shown. Just before docassemble serialises the form, the
 *    values are turned into ISO yyyy-mm-dd, which is what the server parses.
 * 2. Accessibility: ARIA repairs for docassemble's navigation bar, skip link, download tabs
 *    and checkbox groups (each explained in docs/accessibility.md).
 * 3. The sign-in page's "back to the interview" link (config `login page pre`) goes to the
 *    interview in `next`; the production "start again" link restarts the current interview.
 *
 * Texts shown here are Latvian only where the screen is Latvian (html lang="lv"); every other
 * text comes from docassemble's word() with the package's words file.
 */
(function () {
  "use strict";

  var LV_DATE = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\.?\s*$/;
  var ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isLatvian() {
    return (document.documentElement.getAttribute("lang") || "").toLowerCase().indexOf("lv") === 0;
  }

  /* "31.12.2027" -> "2027-12-31"; null for text that is not a real calendar date */
  function lvToIso(text) {
    var m = LV_DATE.exec(text || "");
    if (!m) {
      return null;
    }
    var d = parseInt(m[1], 10), mo = parseInt(m[2], 10), y = parseInt(m[3], 10);
    var dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) {
      return null;
    }
    return y + "-" + pad(mo) + "-" + pad(d);
  }

  function isoToLv(text) {
    var m = ISO_DATE.exec(text || "");
    return m ? m[3] + "." + m[2] + "." + m[1] : text;
  }

  function isPamatsDate(el) {
    return !!(el && el.getAttribute && el.getAttribute("data-pamats-date"));
  }

  /* ---- 1. dates ---- */

  function convertDateInputs(root) {
    if (!isLatvian()) {
      return;
    }
    var inputs = (root || document).querySelectorAll("input[type=date]:not(.pamats-date-native)");
    Array.prototype.forEach.call(inputs, function (input) {
      var native = document.createElement("input");
      native.type = "date";
      native.className = "pamats-date-native";
      native.tabIndex = -1;
      native.setAttribute("aria-hidden", "true");
      ["min", "max"].forEach(function (a) {
        if (input.hasAttribute(a)) {
          native.setAttribute(a, input.getAttribute(a));
          input.removeAttribute(a);
        }
      });
      input.type = "text";
      input.value = isoToLv(input.value);
      input.setAttribute("data-pamats-date", "1");
      input.setAttribute("placeholder", "dd.mm.gggg");
      input.setAttribute("inputmode", "numeric");
      input.setAttribute("autocomplete", "off");
      input.setAttribute("maxlength", "11");
      input.classList.add("pamats-date");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-outline-secondary pamats-date-button";
      button.setAttribute("aria-label", "Izvēlēties datumu kalendārā");
      button.title = "Izvēlēties datumu kalendārā";
      button.innerHTML = '<span aria-hidden="true">&#128197;</span>';
      button.addEventListener("click", function () {
        native.value = lvToIso(input.value) || "";
        try {
          native.showPicker();
        } catch (e) {
          native.focus();
        }
      });
      native.addEventListener("change", function () {
        if (native.value) {
          input.value = isoToLv(native.value);
          if (window.jQuery) {
            window.jQuery(input).trigger("change");
            if (window.jQuery(input).closest("form").data("validator")) {
              window.jQuery(input).valid();
            }
          }
        }
      });
      var wrap = document.createElement("span");
      wrap.className = "pamats-date-tools";
      wrap.appendChild(button);
      wrap.appendChild(native);
      input.parentNode.insertBefore(wrap, input.nextSibling);
    });
  }

  function wrapValidatorMethods($) {
    if (!$ || !$.validator || !$.validator.methods) {
      return;
    }
    var methods = $.validator.methods;
    if (methods.date && !methods.date.pamats) {
      var origDate = methods.date;
      methods.date = function (value, element) {
        if (isPamatsDate(element)) {
          return this.optional(element) || lvToIso(value) !== null;
        }
        return origDate.apply(this, arguments);
      };
      methods.date.pamats = true;
    }
    ["mindate", "maxdate", "minmaxdate"].forEach(function (name) {
      var orig = methods[name];
      if (orig && !orig.pamats) {
        methods[name] = function (value, element, params) {
          if (isPamatsDate(element)) {
            value = lvToIso(value) || value;
          }
          return orig.call(this, value, element, params);
        };
        methods[name].pamats = true;
      }
    });
  }

  /* dd.mm.gggg -> ISO while docassemble serialises the form, then back for the eye */
  function isoWhileSubmitting(handler) {
    if (!handler || handler.pamats) {
      return handler;
    }
    var wrapped = function (form) {
      var restore = [];
      Array.prototype.forEach.call(form.querySelectorAll("input[data-pamats-date]"), function (el) {
        var iso = lvToIso(el.value);
        if (iso) {
          restore.push([el, el.value]);
          el.value = iso;
        }
      });
      try {
        return handler.apply(this, arguments);
      } finally {
        restore.forEach(function (pair) {
          pair[0].value = pair[1];
        });
      }
    };
    wrapped.pamats = true;
    return wrapped;
  }

  function wrapSubmit($) {
    if (typeof window.daValidationHandler === "function") {
      window.daValidationHandler = isoWhileSubmitting(window.daValidationHandler);
    }
    if ($) {
      var validator = $("#daform").data("validator");
      if (validator && validator.settings.submitHandler) {
        validator.settings.submitHandler = isoWhileSubmitting(validator.settings.submitHandler);
      }
    }
  }

  /* ---- 2. accessibility (docs/accessibility.md) ---- */

  var REQUIRED_OK = /^(checkbox|combobox|gridcell|listbox|radiogroup|spinbutton|textbox|tree|treegrid|columnheader|rowheader)$/;

  function repairAria(root) {
    var doc = root || document;
    // A1 (aria-required-children): docassemble's navigation tab list (#nav-bar-tab-list) holds
    // the hidden "Question" button and the chat button without role=tab: every button that
    // switches a tab gets role=tab (and aria-selected), every list item role=presentation.
    Array.prototype.forEach.call(doc.querySelectorAll("#nav-bar-tab-list"), function (ul) {
      Array.prototype.forEach.call(ul.children, function (li) {
        li.setAttribute("role", "presentation");
        Array.prototype.forEach.call(li.querySelectorAll("[data-bs-toggle=tab]"), function (b) {
          b.setAttribute("role", "tab");
          if (!b.hasAttribute("aria-selected")) {
            b.setAttribute("aria-selected", b.classList.contains("active") ? "true" : "false");
          }
        });
      });
    });
    // A2 (listitem): list items whose parent is not a list (the skip link's <li>): no list role
    Array.prototype.forEach.call(doc.querySelectorAll("li"), function (li) {
      var parent = li.parentElement;
      if (parent && !/^(UL|OL|MENU)$/.test(parent.tagName) && parent.getAttribute("role") !== "list") {
        li.setAttribute("role", "none");
      }
    });
    // A3 (aria-required-parent): tabs whose parent list has no role=tablist (download block)
    Array.prototype.forEach.call(doc.querySelectorAll("[role=tab]"), function (tab) {
      var parent = tab.parentElement;
      if (parent && parent.tagName === "LI") {
        parent.setAttribute("role", "presentation");
        parent = parent.parentElement;
      }
      if (parent && !parent.getAttribute("role")) {
        parent.setAttribute("role", "tablist");
      }
    });
    // A4 (aria-allowed-attr): aria-required on a field container without a role (checkbox
    // groups): the container becomes a labelled group and the required state stays visible
    Array.prototype.forEach.call(doc.querySelectorAll("[aria-required]"), function (el) {
      if (/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName) || REQUIRED_OK.test(el.getAttribute("role") || "")) {
        return;
      }
      el.removeAttribute("aria-required");
      if (!el.getAttribute("role") && el.hasAttribute("aria-labelledby")) {
        el.setAttribute("role", "group");
      }
    });
    // A5: docassemble writes some titles as JSON ("\u0160im jaut\u0101jumam"): decode them
    Array.prototype.forEach.call(doc.querySelectorAll("[title*='\\\\u']"), function (el) {
      el.setAttribute("title", el.getAttribute("title").replace(/\\u([0-9a-fA-F]{4})/g, function (m, hex) {
        return String.fromCharCode(parseInt(hex, 16));
      }));
    });
  }

  /* ---- 3. links added by the server configuration ---- */

  function fixLinks() {
    var next = new URLSearchParams(window.location.search).get("next");
    if (next && next.charAt(0) === "/" && next.charAt(1) !== "/") {
      Array.prototype.forEach.call(document.querySelectorAll("a.pamats-back-link"), function (a) {
        a.setAttribute("href", next);
      });
    }
    if (typeof window.daYamlFilename === "string" && window.daYamlFilename) {
      Array.prototype.forEach.call(document.querySelectorAll("a.pamats-restart"), function (a) {
        var base = a.getAttribute("href").split("?")[0];
        a.setAttribute("href", base + "?i=" + encodeURIComponent(window.daYamlFilename));
      });
    }
  }

  function onScreen() {
    var $ = window.jQuery;
    convertDateInputs(document);
    wrapValidatorMethods($);
    wrapSubmit($);
    repairAria(document);
    fixLinks();
  }

  window.pamatsDates = { lvToIso: lvToIso, isoToLv: isoToLv };

  if (window.jQuery) {
    window.jQuery(document).on("daPageLoad", onScreen);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onScreen);
  } else {
    onScreen();
  }
})();
