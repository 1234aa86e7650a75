"""The scaling table's arithmetic: efficiency = 2-worker speed / (2 × 1-worker speed)."""

from bench.scaling import efficiency, markdown


def _result(workers: int, speed: float, fanned: float) -> dict:
    return {"workers": workers, "wall_s": 10.0, "articles_per_s": speed, "fanned_out_s": 5.0,
            "fanned_out_articles_per_s": fanned, "driver_peak_rss_mb": 500.0, "worker_peak_rss_mb": 300.0}


def test_efficiency_compares_the_best_two_worker_run_with_twice_the_best_one_worker_run():
    results = [_result(1, 100.0, 200.0), _result(2, 150.0, 400.0), _result(1, 80.0, 250.0), _result(2, 90.0, 300.0)]
    assert efficiency(results, "articles_per_s") == 0.75            # 150 / (2 × 100)
    assert efficiency(results, "fanned_out_articles_per_s") == 0.8  # 400 / (2 × 250)
    assert efficiency(results[:1], "articles_per_s") is None


def test_markdown_shows_each_run_and_the_efficiency():
    report = {"results": [_result(1, 100.0, 200.0), _result(2, 150.0, 400.0)], "efficiency_end_to_end": 0.75,
              "efficiency_fanned_out": 1.0, "articles": 3000, "cores": 2, "repeat": 1, "load_before": [1.0, 1.0, 1.0]}
    table = markdown(report)
    assert "| 2 | 10.0 | 150.0 | 5.0 | 400.0 | 500.0 / 300.0 |" in table
    assert "best run of each): end to end 0.75, fanned-out stages 1.0. 3,000 generated articles" in table
