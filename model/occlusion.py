"""What the network looked at: occlusion sensitivity, computed with the ONNX predictor alone.

A gray patch slides over the network's input; where covering the image moves the predicted
bone age most, the image mattered most. All occluded copies go through the network in one
batch, so a map costs one batched inference rather than one call per patch.
"""

from __future__ import annotations

import cv2
import numpy as np

from model.predictor import Predictor
from model.preprocessing import encode_sex


def occlusion_map(predictor: Predictor, image: np.ndarray, sex: str | bool | float,
                  patch_fraction: float = 0.2, stride_fraction: float = 0.1) -> np.ndarray:
    """Map of |change in predicted months| when each region is hidden, in the network's input
    frame (size x size), scaled to [0, 1] (all zeros if nothing changes the prediction)."""
    prepared = predictor.prepare(image)
    size = prepared.shape[0]
    patch = max(2, round(size * patch_fraction))
    stride = max(1, round(size * stride_fraction))
    starts = list(range(0, size - patch + 1, stride))
    if starts[-1] != size - patch:
        starts.append(size - patch)
    fill = float(prepared.mean())
    batch, boxes = [prepared], []
    for top in starts:
        for left in starts:
            occluded = prepared.copy()
            occluded[top:top + patch, left:left + patch] = fill
            batch.append(occluded)
            boxes.append((top, left))
    codes = np.full(len(batch), encode_sex(sex), np.float32)
    preds = np.concatenate([predictor.run_prepared(np.stack(batch[i:i + 64]), codes[i:i + 64])
                            for i in range(0, len(batch), 64)])
    changes = np.abs(preds[1:] - preds[0])
    heat = np.zeros((size, size), np.float64)
    counts = np.zeros((size, size), np.float64)
    for (top, left), change in zip(boxes, changes, strict=True):
        heat[top:top + patch, left:left + patch] += change
        counts[top:top + patch, left:left + patch] += 1
    heat /= np.maximum(counts, 1)
    heat = cv2.GaussianBlur(heat, (0, 0), stride / 2)
    peak = heat.max()
    return (heat / peak if peak > 0 else heat).astype(np.float32)
