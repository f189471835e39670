"""Agreement between predicted and reference bone ages, in months."""

from __future__ import annotations

from typing import Any

import numpy as np

AGE_BAND_YEARS = 2


def regression_metrics(
    true_months: np.ndarray, pred_months: np.ndarray, male: np.ndarray | None = None
) -> dict[str, Any]:
    """n, MAE, RMSE, R^2, bias (pred - true), share within 12 months, and MAE per sex and per
    2-year band of reference age (bands with no cases are left out)."""
    true = np.asarray(true_months, np.float64)
    pred = np.asarray(pred_months, np.float64)
    if true.shape != pred.shape or true.ndim != 1 or true.size == 0:
        raise ValueError("need two non-empty 1-D arrays of the same length")
    err = pred - true
    ss_tot = float(np.sum((true - true.mean()) ** 2))
    out: dict[str, Any] = {
        "n": int(true.size),
        "mae_months": float(np.mean(np.abs(err))),
        "rmse_months": float(np.sqrt(np.mean(err**2))),
        "r2": float(1 - np.sum(err**2) / ss_tot) if ss_tot > 0 else float("nan"),
        "bias_months": float(np.mean(err)),
        "within_12_months": float(np.mean(np.abs(err) <= 12)),
    }
    if male is not None:
        male = np.asarray(male, bool)
        out["mae_by_sex"] = {
            sex: float(np.mean(np.abs(err[mask])))
            for sex, mask in (("female", ~male), ("male", male))
            if mask.any()
        }
    band_months = 12 * AGE_BAND_YEARS
    bands = (true // band_months).astype(int)
    out["mae_by_age_band"] = {
        f"{b * AGE_BAND_YEARS}-{(b + 1) * AGE_BAND_YEARS}y": float(np.mean(np.abs(err[bands == b])))
        for b in sorted(set(bands.tolist()))
    }
    return out
