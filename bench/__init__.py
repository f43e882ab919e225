"""The benchmark, the scorers and their gold readers (merge_eval, compare_dates), importable as the
`bench` package: the tests import them (pytest puts the repository root on the path, pyproject.toml)."""
