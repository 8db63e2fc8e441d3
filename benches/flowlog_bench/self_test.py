"""Checks of the runner itself that need neither the data set, nor flowlog, nor any peer: the
answer comparison (what decides whether engines agree) and the workload table."""

from __future__ import annotations

import pathlib
import tempfile
import unittest

from . import answers, report, workloads


class Answers(unittest.TestCase):
    def write(self, text: str) -> pathlib.Path:
        f = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8")
        with f:
            f.write(text)
        self.addCleanup(pathlib.Path(f.name).unlink)
        return pathlib.Path(f.name)

    def test_quoting_order_and_header_names_do_not_matter(self):
        athena = self.write('"srcaddr","total"\n"10.0.0.1","120"\n"10.0.0.2",""\n')
        duckdb = self.write("srcaddr,sum(bytes)\n10.0.0.2,\n10.0.0.1,120\n")
        self.assertEqual(answers.answer_of_csv(athena), answers.answer_of_csv(duckdb))
        self.assertEqual(answers.answer_of_csv(athena).rows, 2)
        self.assertEqual(answers.answer_of_csv(athena).columns, 2)

    def test_integral_floats_equal_integers_but_other_values_differ(self):
        self.assertEqual(answers.normalise("120.0"), "120")
        self.assertEqual(answers.normalise("-3.00"), "-3")
        self.assertEqual(answers.normalise("1.5"), "1.5")
        self.assertEqual(answers.normalise("10.0.0.1"), "10.0.0.1")
        a = answers.answer_of_rows([["a", "1"]])
        self.assertNotEqual(a, answers.answer_of_rows([["a", "2"]]))
        self.assertNotEqual(a, answers.answer_of_rows([["a", "1"], ["a", "1"]]))
        # A NULL (empty field) is not the string "-" nor 0.
        self.assertNotEqual(answers.answer_of_rows([[""]]), answers.answer_of_rows([["-"]]))
        self.assertNotEqual(answers.answer_of_rows([[""]]), answers.answer_of_rows([["0"]]))
        # Field boundaries count: ("ab", "c") is not ("a", "bc").
        self.assertNotEqual(
            answers.answer_of_rows([["ab", "c"]]), answers.answer_of_rows([["a", "bc"]])
        )

    def test_disagreements_name_the_engines(self):
        one = answers.answer_of_rows([["x"]])
        two = answers.answer_of_rows([["y"]])
        self.assertEqual(answers.disagreements({"flowlog": one, "duckdb": one}, "flowlog"), [])
        lines = answers.disagreements({"flowlog": one, "polars": two}, "flowlog")
        self.assertEqual(len(lines), 1)
        self.assertTrue(lines[0].startswith("polars: 1 rows x 1 cols"), lines[0])
        self.assertEqual(answers.disagreements({"polars": two}, "flowlog"), ["no answer from flowlog"])

    def test_bad_csv_is_an_error(self):
        with self.assertRaises(ValueError):
            answers.answer_of_csv(self.write(""))
        with self.assertRaises(ValueError):
            answers.answer_of_csv(self.write("a,b\n1\n"))
        self.assertEqual(answers.answer_of_csv(self.write("a,b\n")).rows, 0)


class Workloads(unittest.TestCase):
    def test_names_are_unique_and_every_engine_has_its_form(self):
        names = [w.name for w in workloads.WORKLOADS]
        self.assertEqual(len(names), len(set(names)))
        for w in workloads.WORKLOADS:
            self.assertIn("{files}", w.duckdb, w.name)
            self.assertIn("{files}", w.clickhouse, w.name)
            self.assertNotIn("{files}", w.flowlog_sql, w.name)
            self.assertTrue(callable(w.polars), w.name)
            args = w.flowlog_args(pathlib.Path("/data/flowlog-bench"))
            self.assertTrue("--ddl" in args or "--logs" in args, w.name)
            self.assertTrue(all(p.startswith("AWSLogs/") for p in w.scope), w.name)

    def test_brace_expansion(self):
        self.assertEqual(
            workloads.expand_braces("a/{19,20}/*.p"), ["a/19/*.p", "a/20/*.p"]
        )
        self.assertEqual(workloads.expand_braces("{x,y}{1,2}"), ["x1", "x2", "y1", "y2"])
        self.assertEqual(workloads.expand_braces("plain"), ["plain"])
        with self.assertRaises(ValueError):
            workloads.expand_braces("a{b")

    def test_runbook_scope_matches_the_ddl(self):
        ddl = (workloads.SQL_DIR / "create-table.sql").read_text(encoding="utf-8")
        self.assertIn("vpcflowlogs/ap-northeast-1/${date}/", ddl)
        self.assertIn('"projection.date.range" = "NOW-1DAYS,NOW"', ddl)
        runbook = next(w for w in workloads.WORKLOADS if w.name == "runbook")
        self.assertEqual(workloads.NOW, "2026-11-20T00:00:00Z")
        self.assertEqual(
            runbook.scope, ["AWSLogs/*/vpcflowlogs/ap-northeast-1/2026/11/{19,20}/*.log.parquet"]
        )


class Report(unittest.TestCase):
    def test_ratio_is_peer_over_flowlog(self):
        fast, slow = report.Timing([1.0, 3.0, 2.0]), report.Timing([4.0, 5.0, 6.0])
        self.assertEqual(fast.median, 2.0)
        self.assertEqual(fast.minimum, 1.0)
        self.assertEqual(report.ratio(slow, fast), "2.50x")
        self.assertEqual(report.ratio(None, fast), "—")
        text = report.table(["w"], ["flowlog", "duckdb"], {("w", "flowlog"): fast, ("w", "duckdb"): slow})
        self.assertIn("| w | 2.000 (1.000) | 5.000 (4.000) | 2.50x |", text)


class AgainstFastest(unittest.TestCase):
    def test_quotient_is_flowlog_over_the_fastest_peer_with_peaks(self):
        timings = {
            ("w", "flowlog"): report.Timing([1.0]),
            ("w", "duckdb"): report.Timing([4.0]),
            ("w", "polars"): report.Timing([2.0]),
        }
        peaks = {("w", "flowlog"): 100_000_000, ("w", "duckdb"): 300_000_000}
        text = report.against_fastest(["w"], ["flowlog", "duckdb", "polars"], timings, peaks)
        self.assertIn("| w | 1.000 | 2.000 (polars) | 0.50 | yes | 100 | 300 | — |", text)
        slow = {("w", "flowlog"): report.Timing([3.0]), ("w", "polars"): report.Timing([2.0])}
        self.assertIn("| 1.50 | no |", report.against_fastest(["w"], ["flowlog", "polars"], slow, {}))


class Measure(unittest.TestCase):
    def test_a_child_process_reports_its_time_and_peak_memory(self):
        import sys

        from . import engines

        code = (
            "import time; b = bytearray(64 * 1024 * 1024); b[::4096] = b'x' * len(b[::4096]); "
            "time.sleep(0.3); print('ok')"
        )
        stdout, seconds, rss = engines._run_measured([sys.executable, "-c", code], "python")
        self.assertEqual(stdout.strip(), "ok")
        self.assertGreater(seconds, 0)
        self.assertGreater(rss, 64 * 1024 * 1024)
        with self.assertRaises(RuntimeError):
            engines._run_measured([sys.executable, "-c", "raise SystemExit(3)"], "python")


def main() -> int:
    suite = unittest.defaultTestLoader.loadTestsFromModule(__import__(__name__, fromlist=["*"]))
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    print(f"{result.testsRun - len(result.failures) - len(result.errors)} passed, "
          f"{len(result.failures) + len(result.errors)} failed")
    return 0 if result.wasSuccessful() else 1
