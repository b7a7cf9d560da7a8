"""The grader on real checker processes: results, learner errors as results, a time limit
per check that leaves the other checks' results, and hostile submissions contained.

Hostile sources print a marker first, and the tests assert the marker came back: the
program demonstrably ran before its attempt was contained.
"""

from __future__ import annotations

import json
import sys
import textwrap
import threading
from pathlib import Path

import jsonschema
import pytest

from la4ai.grading.grader import OUTPUT_LIMIT, Grader, load_checks
from tests.grading.conftest import TEST_LAB_DIR, make_grader, tiny_lab

SOLUTION = (TEST_LAB_DIR / "solution.py").read_text("utf-8")
SCHEMA = json.loads((Path(__file__).parents[1] / "contracts" / "check.schema.json").read_text())


def replacing(function: str, body: str) -> str:
    """The solution with ``function`` redefined (appended: the last definition wins)."""
    return SOLUTION + "\n\n" + textwrap.dedent(body).replace("FUNCTION", function)


def by_function(result: object) -> dict[str, list[bool]]:
    out: dict[str, list[bool]] = {}
    for check in result.checks:  # type: ignore[attr-defined]
        out.setdefault(check.function, []).append(check.passed)
    return out


def test_the_solution_passes_and_the_result_follows_the_contract(grader: Grader) -> None:
    result = grader.grade("tiny", SOLUTION, seed=7)
    assert result.passed, result.checks
    assert result.error is None
    assert result.score == result.max_score == 5
    assert result.seed == 7
    jsonschema.validate(result.contract(), SCHEMA)


def test_the_starter_fails_every_check_and_says_it_is_the_placeholder(grader: Grader) -> None:
    result = grader.grade("tiny", (TEST_LAB_DIR / "starter.py").read_text("utf-8"), seed=1)
    assert not result.passed
    assert result.score == 0
    assert result.error is None
    messages = [c.message for c in result.checks if c.name != "halve refuses an empty vector"]
    assert all("still the starter's placeholder" in m for m in messages), messages
    assert "(line 2 of your file)" in result.checks[0].message


def test_a_mutant_fails_with_the_diagnosis_and_a_reproducible_counterexample(
    grader: Grader,
) -> None:
    source = (TEST_LAB_DIR / "mutants" / "triple.py").read_text("utf-8")
    result = grader.grade("tiny", source, seed=11)
    [failed] = [c for c in result.checks if not c.passed]
    assert failed.name == "double of a random vector"
    assert "factor of 1.5" in failed.message
    assert "Reproduce with seed 11" in failed.message
    assert result.score == 3


def test_the_same_seed_draws_the_same_inputs(grader: Grader) -> None:
    source = (TEST_LAB_DIR / "mutants" / "triple.py").read_text("utf-8")
    first, second = grader.grade("tiny", source, seed=3), grader.grade("tiny", source, seed=3)
    assert first.checks[0].message == second.checks[0].message
    assert grader.grade("tiny", source, seed=4).checks[0].message != first.checks[0].message


def test_a_syntax_error_is_a_result_with_the_line(grader: Grader) -> None:
    result = grader.grade("tiny", "def double(v):\n    return 2 *\n", seed=1)
    assert not result.passed
    assert result.score == 0
    assert result.error is not None
    assert "syntax error on line 2" in result.error
    assert all(not c.passed and c.message.startswith("Not run") for c in result.checks)
    jsonschema.validate(result.contract(), SCHEMA)


def test_a_crash_while_loading_is_a_result_with_what_was_printed(grader: Grader) -> None:
    result = grader.grade("tiny", "print('LOADING-MARK')\nx = 1 / 0\n", seed=1)
    assert result.error == (
        "Your file raised ZeroDivisionError on line 2 while loading: division by zero"
    )
    assert "LOADING-MARK" in result.output
    assert not result.passed


def test_exit_while_loading_is_a_result(grader: Grader) -> None:
    result = grader.grade("tiny", "print('EXIT-MARK')\nimport sys\nsys.exit(3)\n", seed=1)
    assert result.error is not None
    assert "SystemExit" in result.error
    assert "EXIT-MARK" in result.output


def test_a_missing_function_or_a_non_function_is_named(grader: Grader) -> None:
    source = SOLUTION.replace("def describe(v):", "def describe_it(v):") + "\nhalve = 3\n"
    result = grader.grade("tiny", source, seed=1)
    messages = {c.name: c.message for c in result.checks}
    assert (
        "Define a function named `describe`" in messages["describe reports length and first entry"]
    )
    assert "`halve` should be a function, but it is int" in messages["halve of a random vector"]
    assert [c.passed for c in result.checks if c.function == "double"] == [True]


def test_an_endless_loop_fails_only_its_checks(grader: Grader) -> None:
    source = replacing(
        "halve",
        """
        def FUNCTION(v):
            print("LOOP-MARK")
            while True:
                pass
        """,
    )
    result = grader.grade("tiny", source, seed=1)
    assert by_function(result) == {"double": [True], "halve": [False, False], "describe": [True]}
    [loop, _empty] = [c for c in result.checks if c.function == "halve"]
    assert "did not finish within the 2 s limit" in loop.message
    assert "halve(" in loop.message
    assert "LOOP-MARK" in result.output
    assert result.duration_ms < 2 * 2000 + 3000  # two limits, plus checker starts


def test_a_process_exit_fails_only_its_check(grader: Grader) -> None:
    source = replacing(
        "double",
        """
        def FUNCTION(v):
            import os
            print("EXIT-MARK", flush=True)
            os._exit(0)
        """,
    )
    result = grader.grade("tiny", source, seed=1)
    assert by_function(result) == {"double": [False], "halve": [True, True], "describe": [True]}
    assert "ended the process it ran in" in result.checks[0].message


def test_running_out_of_memory_fails_only_its_check(grader: Grader) -> None:
    source = replacing(
        "double",
        """
        def FUNCTION(v):
            import numpy as np
            print("MEMORY-MARK")
            hog = [np.ones(64 * 1024 * 1024 // 8) for _ in range(64)]  # 4 GiB
            return hog
        """,
    )
    result = grader.grade("tiny", source, seed=1)
    assert by_function(result) == {"double": [False], "halve": [True, True], "describe": [True]}
    message = result.checks[0].message
    assert "MemoryError" in message or "MiB of memory" in message, message


def test_a_value_that_cannot_cross_is_explained(grader: Grader) -> None:
    source = replacing("double", "def FUNCTION(v):\n    return (2 * x for x in v)\n")
    result = grader.grade("tiny", source, seed=1)
    message = result.checks[0].message
    assert "returned a builtins.generator" in message
    assert "cannot be checked" in message


def test_what_the_code_prints_is_captured_and_truncated(grader: Grader) -> None:
    source = replacing(
        "double",
        """
        def FUNCTION(v):
            import numpy as np
            print("PRINT-MARK " + "x" * 100_000)
            return 2 * np.asarray(v)
        """,
    )
    result = grader.grade("tiny", source, seed=1)
    assert result.passed
    assert result.output.startswith("PRINT-MARK")
    assert "[output truncated" in result.output
    assert len(result.output) < OUTPUT_LIMIT + 200


def test_learner_exceptions_of_builtin_types_cross_as_themselves(grader: Grader) -> None:
    """`assert_raises(ValueError, …)` sees the learner's ValueError; another type is named."""
    source = replacing(
        "halve",
        """
        def FUNCTION(v):
            if len(v) == 0:
                raise KeyError("empty")
            return [x / 2 for x in v]
        """,
    )
    result = grader.grade("tiny", source, seed=1)
    messages = {c.name: c.message for c in result.checks}
    assert messages["halve of a random vector"] == ""
    assert "it raised KeyError instead" in messages["halve refuses an empty vector"]


def test_patching_the_checks_library_in_the_learner_process_changes_nothing(
    sandboxed: Grader,
) -> None:
    """Learner code can import and patch `labkit` in its own process; the checks run in
    another, so a wrong answer still fails."""
    patch = """
        print("PATCH-MARK")
        import la4ai.labkit.testing as testing
        import la4ai.labkit.checks as checks
        testing.assert_close = lambda *args, **kwargs: None
        checks.run_check = lambda *args, **kwargs: None
        """
    source = (TEST_LAB_DIR / "mutants" / "triple.py").read_text("utf-8")
    result = sandboxed.grade("tiny", textwrap.dedent(patch) + source, seed=1)
    assert "PATCH-MARK" in result.output
    assert not result.passed
    assert not result.checks[0].passed
    assert "factor of 1.5" in result.checks[0].message


def test_forged_replies_on_the_channel_do_not_pass(sandboxed: Grader) -> None:
    """Learner code can write anything to its own channel: at worst its answers are
    garbled, which fails its checks; it never gets to report a verdict."""
    forge = """
        import os
        print("FORGE-MARK")
        reply = b'{"ok":true,"value":{"$":"tuple","items":[]},"passed":true,"score":99}'
        def double(v):
            for fd in range(3, 12):
                try:
                    os.write(fd, str(len(reply)).encode() + b"\\n" + reply)
                except OSError:
                    pass
            return [0.0]
        """
    source = SOLUTION + textwrap.dedent(forge)
    result = sandboxed.grade("tiny", source, seed=1)
    assert "FORGE-MARK" in result.output
    assert not result.passed
    assert not result.checks[0].passed
    assert result.score <= result.max_score


def test_the_checks_and_the_solution_are_out_of_reach(sandboxed: Grader) -> None:
    """The checker sees no course content: the lab's files cannot be opened by their host
    path, and no Python file it can find holds this lab's checks or solution."""
    hunt = f"""
        import os
        print("HUNT-MARK")
        found = []
        for path in {[str(TEST_LAB_DIR / "checks.py"), str(TEST_LAB_DIR / "solution.py")]!r}:
            try:
                found.append(open(path).read()[:20])
            except OSError:
                pass
        import sys
        python = set(map(os.path.realpath, (sys.prefix, sys.base_prefix)))
        for root, dirs, files in os.walk("/"):
            skip = ("/proc", "/sys", "/dev", "/usr")  # no course files; the Python install
            dirs[:] = [
                d for d in dirs
                if os.path.join(root, d) not in skip
                and os.path.realpath(os.path.join(root, d)) not in python
            ]
            for name in files:
                if name.endswith(".py"):
                    try:
                        text = open(os.path.join(root, name), errors="replace").read()
                    except OSError:
                        continue
                    if "halve refuses an empty" + " vector" in text:  # split: not this file
                        found.append(os.path.join(root, name))
        print("FOUND:", found)
        """
    result = sandboxed.grade("tiny", textwrap.dedent(hunt) + SOLUTION, seed=1)
    assert "HUNT-MARK" in result.output
    assert "FOUND: []" in result.output, result.output
    assert result.passed


def test_the_checker_cannot_write_its_workspace_or_reach_the_network(sandboxed: Grader) -> None:
    probe = """
        import os, socket
        print("PROBE-MARK")
        try:
            open("/workspace/planted.py", "w").write("x")
            print("WORKSPACE-WRITABLE")
        except OSError:
            print("WORKSPACE-READ-ONLY")
        open("/tmp/scratch", "w").write("tmp is fine")
        try:
            socket.create_connection(("127.0.0.1", 22), timeout=1)
            print("NETWORK-OPEN")
        except OSError:
            print("NETWORK-CLOSED")
        """
    result = sandboxed.grade("tiny", textwrap.dedent(probe) + SOLUTION, seed=1)
    assert "PROBE-MARK" in result.output
    assert "WORKSPACE-READ-ONLY" in result.output
    assert "WORKSPACE-WRITABLE" not in result.output
    assert "NETWORK-CLOSED" in result.output
    assert result.passed


def test_each_submission_gets_a_fresh_process(sandboxed: Grader) -> None:
    """A file one submission leaves in /tmp is gone for the next: nothing carries over."""
    leave = "print('LEAVE-MARK')\nopen('/tmp/left-behind', 'w').write('x')\n"
    look = "import os\nprint('LOOK-MARK', os.path.exists('/tmp/left-behind'))\n"
    first = sandboxed.grade("tiny", leave + SOLUTION, seed=1)
    second = sandboxed.grade("tiny", look + SOLUTION, seed=1)
    assert "LEAVE-MARK" in first.output
    assert "LOOK-MARK False" in second.output


def test_secrets_in_the_server_environment_never_reach_the_checker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LA4AI_TEST_SECRET", "s3cret-value")
    show = "import os\nprint('ENV-MARK', sorted(os.environ), os.environ.get('LA4AI_TEST_SECRET'))\n"
    with make_grader({"tiny": tiny_lab()}, pool_size=0) as grader:
        result = grader.grade("tiny", show + SOLUTION, seed=1)
    assert "ENV-MARK" in result.output
    assert "s3cret-value" not in result.output
    assert "LA4AI_TEST_SECRET" not in result.output


def test_concurrent_submissions_get_their_own_results(sandboxed: Grader) -> None:
    mutant = (TEST_LAB_DIR / "mutants" / "triple.py").read_text("utf-8")
    sources = [SOLUTION, mutant, SOLUTION, mutant]
    results: list[object] = [None] * len(sources)

    def run(index: int) -> None:
        results[index] = sandboxed.grade("tiny", sources[index], seed=index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(sources))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert [r.passed for r in results] == [True, False, True, False]  # type: ignore[attr-defined]


def test_the_pool_hands_out_prestarted_checkers_and_refills() -> None:
    with make_grader({"tiny": tiny_lab()}, pool_size=2) as grader:
        assert grader.pool.wait_ready(2)
        grader.grade("tiny", SOLUTION, seed=1)
        assert grader.pool.wait_ready(2)  # the one used was replaced
        assert grader.pool.ready_count() == 2


def test_checks_of_an_unknown_function_are_refused(tmp_path: Path) -> None:
    import shutil

    lab_dir = tmp_path / "lab"
    shutil.copytree(TEST_LAB_DIR, lab_dir)
    checks = lab_dir / "checks.py"
    checks.write_text(
        checks.read_text() + '\n@check("x", function="nope")\ndef x(ctx):\n    pass\n'
    )
    from la4ai.course.lab import load_lab

    lab, problems = load_lab(lab_dir)
    assert lab is not None, problems
    with pytest.raises(ValueError, match="functions the lab does not have: \\['nope'\\]"):
        load_checks("tiny", lab)


def test_the_checker_environment_has_no_path_to_the_server_code(sandboxed: Grader) -> None:
    """With the editable install (a checkout), only `la4ai.labkit` is importable in the
    checker. (A regular install has the server's code, never content or secrets, in the
    virtual environment the sandbox shows read-only.)"""
    import la4ai

    if Path(la4ai.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()):
        pytest.skip("a regular install: the server code is part of the virtual environment")
    probe = """
        print("IMPORT-MARK")
        try:
            import la4ai.grading
            print("SERVER-CODE-IMPORTABLE")
        except ImportError:
            print("SERVER-CODE-ABSENT")
        """
    result = sandboxed.grade("tiny", textwrap.dedent(probe) + SOLUTION, seed=1)
    assert "IMPORT-MARK" in result.output
    assert "SERVER-CODE-ABSENT" in result.output, result.output


#: reference/sandbox-abuse-cases.md, case 21: ways to tamper with a grader from learner
#: code. Each runs before the (wrong) triple mutant; none may make it pass.
TAMPERING = {
    "builtins-import": (
        "import builtins\n_real = builtins.__import__\n"
        "builtins.__import__ = lambda name, *a, **k: _real(name, *a, **k)\n"
    ),
    "numpy-patched": (
        "import numpy as np\nnp.allclose = lambda *a, **k: True\n"
        "np.isclose = lambda *a, **k: True\nnp.testing.assert_allclose = lambda *a, **k: None\n"
    ),
    "sys-modules": (
        "import sys, types\nsys.modules['la4ai.labkit.testing'] = types.ModuleType('fake')\n"
        "sys.modules['numpy.linalg'] = types.ModuleType('fake')\n"
    ),
    "exit-0-at-load": "import os\nos._exit(0)\n",
    "exit-0-in-a-call": ("import sys\n_d = None\ndef double(v):\n    sys.exit(0)\n"),
}


@pytest.mark.parametrize("trick", TAMPERING, ids=list(TAMPERING))
def test_tampering_from_learner_code_never_makes_a_wrong_answer_pass(
    sandboxed: Grader, trick: str
) -> None:
    mutant = (TEST_LAB_DIR / "mutants" / "triple.py").read_text("utf-8")
    marker = f"print('TAMPER-MARK', {trick!r}, flush=True)\n"
    if trick == "exit-0-in-a-call":  # the trick replaces double after the mutant's
        source = marker + mutant + "\n" + TAMPERING[trick]
    else:
        source = marker + TAMPERING[trick] + mutant
    result = sandboxed.grade("tiny", source, seed=1)
    assert f"TAMPER-MARK {trick}" in result.output
    assert not result.passed
    double = result.checks[0]
    assert not double.passed
    if trick == "exit-0-at-load":
        assert result.error is not None
        assert "ended the process" in result.error
    elif trick == "exit-0-in-a-call":
        assert "raised SystemExit" in double.message
    else:
        assert "factor of 1.5" in double.message
