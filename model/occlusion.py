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
    # The network's own view, unrotated: the map explains the network, not the averaging.
    preds = np.concatenate([predictor.run_network(np.stack(batch[i:i + 64]), codes[i:i + 64])
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


def to_image_frame(heat: np.ndarray, image_shape: tuple[int, int], resize_mode: str) -> np.ndarray:
    """Undo the preprocessing's geometry so the map lies over the original radiograph."""
    h, w = image_shape
    size = heat.shape[0]
    if resize_mode == "pad":
        scale = size / max(h, w)
        new_h, new_w = max(1, round(h * scale)), max(1, round(w * scale))
        top, left = (size - new_h) // 2, (size - new_w) // 2
        heat = heat[top:top + new_h, left:left + new_w]
    return cv2.resize(heat, (w, h), interpolation=cv2.INTER_LINEAR)


def overlay(image: np.ndarray, heat: np.ndarray, alpha: float = 0.45) -> np.ndarray:
    """RGB uint8 picture: the radiograph in gray with the map in a colour scale on top."""
    gray = np.clip(image * 255.0 + 0.5, 0, 255).astype(np.uint8)
    colours = cv2.applyColorMap(np.clip(heat * 255.0, 0, 255).astype(np.uint8), cv2.COLORMAP_JET)
    base = cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR)
    weight = (alpha * heat)[..., None]
    mixed = base * (1 - weight) + colours * weight
    return cv2.cvtColor(np.clip(mixed, 0, 255).astype(np.uint8), cv2.COLOR_BGR2RGB)
