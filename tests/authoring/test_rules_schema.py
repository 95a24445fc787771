"""The rule-file JSON Schema (`assess schema`) as an editor's YAML language server uses it:
it accepts every rule file that `assess check` accepts (rules/, docs/examples/, examples/,
and the conformance cases of ../shared when they are there) and rejects misspelled keys.

Run by ctest with ASSESS_CLI (the built `assess`) and ASSESS_SOURCE_DIR set, under Debian's
/usr/bin/python3 (python3-jsonschema, python3-yaml)."""
import glob
import json
import os
import re
import subprocess

import jsonschema
import pytest
import yaml

ASSESS = os.environ["ASSESS_CLI"]
SOURCE = os.environ["ASSESS_SOURCE_DIR"]


def rule_files():
    patterns = ["rules/*.yaml", "docs/examples/*.yaml", "examples/**/*.yaml", "fuzz/corpus/rules/*.yaml"]
    files = []
    for p in patterns:
        files += sorted(glob.glob(os.path.join(SOURCE, p), recursive=True))
    shared = os.path.join(SOURCE, "..", "shared", "conformance", "cases")
    files += sorted(glob.glob(os.path.join(shared, "*", "rules.yaml")))
    return files


@pytest.fixture(scope="module")
def validator():
    out = subprocess.run([ASSESS, "schema"], capture_output=True, check=True).stdout
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def checks(path):
    return subprocess.run([ASSESS, "check", path], capture_output=True).returncode == 0


def test_the_printed_schema_is_the_installed_file():
    printed = subprocess.run([ASSESS, "schema"], capture_output=True, check=True).stdout
    with open(os.path.join(SOURCE, "authoring", "rules.schema.json"), "rb") as f:
        assert printed == f.read()


@pytest.mark.parametrize("path", rule_files(), ids=lambda p: os.path.relpath(p, SOURCE))
def test_accepts_every_rule_file_that_check_accepts(validator, path):
    if not checks(path):
        pytest.skip("assess check rejects it")
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(load(path))]
    assert errors == []


def test_some_files_were_checked():
    # rules/, docs/examples/ and examples/ hold at least the district scheme, the tour and one
    # example per scoring method.
    assert sum(1 for p in rule_files() if checks(p)) >= 15


# Misspellings at every level: each is a key `assess check` rejects too.
MISSPELLINGS = [
    ("top level", "\nindicators:", "\nindicator:"),
    ("input", "{type: text, values: [street", "{typ: text, values: [street"),
    ("param section", "\nparams:", "\nparam:"),
    ("indicator", "        when: type == \"street\"", "        wehn: type == \"street\""),
    ("leaf", "            cap: 7.2", "            caps: 7.2"),
    ("bonus rule", "cap: 4, reason: \"国家级表彰\"", "cap: 4, reson: \"国家级表彰\""),
    ("bonus node with points", "    kind: bonus\n", "    kind: bonus\n    points: 5\n"),
    ("veto", "grade: 较差, cap: 60}", "grade: 较差, capp: 60}"),
    ("level", "{name: 良好, min: 80}", "{name: 良好, minimum: 80}"),
    ("grades", "  ties: demote", "  tie: demote"),
    ("rounding", "{digits: 2, stage: each}", "{digit: 2, stage: each}"),
    ("test", "  - name: 正向激励加分封顶", "  - nam: 正向激励加分封顶"),
    ("enum value", "on_missing: exclude", "on_missing: skip"),
]


@pytest.mark.parametrize("where,good,bad", MISSPELLINGS, ids=[m[0] for m in MISSPELLINGS])
def test_rejects_misspelled_keys(validator, tmp_path, where, good, bad):
    with open(os.path.join(SOURCE, "rules", "district.yaml"), encoding="utf-8") as f:
        text = f.read()
    assert good in text
    broken = text.replace(good, bad, 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    assert not checks(str(path)), "assess check accepts it: not a misspelling"
    assert list(validator.iter_errors(yaml.safe_load(broken))), f"the schema accepts a bad {where}"
