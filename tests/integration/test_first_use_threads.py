"""Many trainees start at once: the first use of the NLU and of the simulated PC from many threads is safe."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run_fresh(code: str) -> subprocess.CompletedProcess[str]:
    """Run code in a new interpreter, so nothing is loaded yet."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=300)


def test_the_first_utterances_of_many_threads_are_all_understood():
    done = run_fresh(
        """
        import threading
        from simulator.nlu import Understander
        u = Understander()
        results, errors = [], []
        def talk():
            try:
                results.append(u.understand("Goeiemorgen, servicedesk Acme, u spreekt met Sam.", "nl").intents)
            except Exception as exc:
                errors.append(repr(exc))
        threads = [threading.Thread(target=talk) for _ in range(12)]
        [t.start() for t in threads]; [t.join() for t in threads]
        assert not errors, errors
        assert len(results) == 12 and all("greeting" in r for r in results), results
        print("ok")
        """
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]


def test_the_first_remote_commands_of_many_threads_all_exist():
    done = run_fresh(
        """
        import threading
        from simulator.world.pc.commands import is_known
        answers, errors = [], []
        def ask():
            try:
                answers.append(is_known("Get-Service Spooler") and is_known("ipconfig /all"))
            except Exception as exc:
                errors.append(repr(exc))
        threads = [threading.Thread(target=ask) for _ in range(16)]
        [t.start() for t in threads]; [t.join() for t in threads]
        assert not errors and all(answers) and len(answers) == 16, (errors, answers)
        print("ok")
        """
    )
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-3000:]
