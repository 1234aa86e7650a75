"""The bench's machine-speed yardstick (``bench.calibrate``): fixed work, whatever the machine (values, no timing)."""

from bench import calibrate


def test_the_workload_is_the_same_work_every_time():
    text = calibrate._text(words=2_000)
    assert text == calibrate._text(words=2_000)
    assert len(text.split()) == 2_000
    assert calibrate.workload(text) == calibrate.workload(text)
    # A different text is different work: the checksum sees what was found.
    assert calibrate.workload(calibrate._text(seed=1, words=2_000)) != calibrate.workload(text)


def test_the_trigger_pattern_finds_whole_words_with_their_particles():
    found = [m.group() for m in calibrate._PATTERN.finditer("وقتل ثلاثه قتلوا بالقصف مقتلهم القتلي")]
    assert found == ["وقتل", "قتلوا", "بالقصف"]


def test_machine_speed_reports_the_least_cpu_time_and_the_checksum(monkeypatch):
    monkeypatch.setattr(calibrate, "_text", lambda seed=0, words=500: "قتل " * words)
    report = calibrate.machine_speed(repeat=2)
    assert report["repeat"] == 2 and report["best_cpu_s"] >= 0
    assert report["checksum"] == calibrate.workload("قتل " * 500)
    assert calibrate.calibration_line(report, {**report, "best_cpu_s": 0.5}).endswith("before the runs, 0.500 after")
