"""Write a tiny offline NLTK_DATA folder (about 60 KB) that docassemble can import with.

docassemble uses docassemble_pattern only for rule-based English inflection
(pluralize, singularize, article, conjugate), which never queries WordNet. But at
import time it (a) asks ``nltk.data.find`` for the corpora ``wordnet``, ``wordnet_ic``
and ``sentiwordnet`` and downloads any that is missing, (b) loads the WordNet reader
and reads ``ic-brown.dat``, and (c) in ``docassemble/base/pattern.py`` downloads
``omw-1.4``/``wordnet``/``wordnet_ic``/``sentiwordnet`` unless
``<nltk path>/corpora/<name>.zip`` exists. Offline, each of these is a failure or a
network wait.

This script writes, for each corpus, a directory AND a zip (``find`` needs the
directory, ``pattern.py`` checks the zip): an empty WordNet 3.0 (the real
``lexnames`` table, empty index/data files, a ``data.adj`` header carrying the
version), a minimal information-content file and placeholder sentiwordnet/omw-1.4.
WordNet queries return nothing; docassemble makes none.

The folder is built next to the target and renamed into place, so an interrupted
run never leaves a half-written folder.

Usage: python scripts/make_nltk_stub.py DIR   (then: export NLTK_DATA=DIR)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import zipfile
from pathlib import Path

LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
    "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
    "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
    "noun.substance noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
SYNTACTIC_CATEGORY = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
EMPTY_WORDNET_FILES = (
    "cntlist.rev index.sense index.adj index.adv index.noun index.verb "
    "data.adv data.noun data.verb adj.exc adv.exc noun.exc verb.exc"
).split()
CORPORA = ("wordnet", "wordnet_ic", "sentiwordnet", "omw-1.4")


def corpus_files() -> dict[str, str]:
    """Relative path under corpora/ -> file content."""
    files = {
        "wordnet/lexnames": "".join(
            f"{i:02d}\t{name}\t{SYNTACTIC_CATEGORY[name.split('.')[0]]}\n" for i, name in enumerate(LEXNAMES)
        ),
        # NLTK's WordNetCorpusReader reads the version from the first data file's header.
        "wordnet/data.adj": "  1 WordNet 3.0 Copyright 2006 by Princeton University.  "
        "All rights reserved. (pamats offline stub)  \n",
        # pattern takes max() over the noun and verb counts: one of each is needed.
        "wordnet_ic/ic-brown.dat": "wnver::stub\n1740n 1.0 ROOT\n1740v 1.0 ROOT\n",
        "sentiwordnet/README": "empty stub (pamats: docassemble offline)\n",
        "omw-1.4/README": "empty stub (pamats: docassemble offline)\n",
    }
    for name in EMPTY_WORDNET_FILES:
        files[f"wordnet/{name}"] = ""
    return files


def build(target: Path) -> None:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".nltk-stub-", dir=target.parent))
    tmp.chmod(0o755)
    try:
        corpora = tmp / "corpora"
        for rel, content in corpus_files().items():
            path = corpora / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
        for corpus in CORPORA:
            with zipfile.ZipFile(corpora / f"{corpus}.zip", "w") as z:
                z.write(corpora / corpus, f"{corpus}/")
                for f in sorted((corpora / corpus).iterdir()):
                    z.write(f, f"{corpus}/{f.name}")
        if target.exists():
            old = target.with_name(target.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            tmp.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python scripts/make_nltk_stub.py DIR", file=sys.stderr)
        return 2
    build(Path(argv[0]))
    print(f"[nltk-stub] written to {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
