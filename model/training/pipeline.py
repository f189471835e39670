"""tf.data input pipelines: parallel decode with the shared preprocessing, cache, on-the-fly
augmentation (training only), batching and prefetch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from model.dataset import Record
from model.image_io import read_grayscale
from model.preprocessing import PreprocessConfig, prepare_image
from model.training.tf_support import import_tensorflow

tf = import_tensorflow()
import keras  # noqa: E402

#: Augmentation strengths (the seed's: flips, brightness/contrast, rotation +/-10 degrees; plus a
#: zoom, mostly inwards, so that films with wide borders and tightly cropped full-resolution
#: films look alike to the network).
ROTATION_DEGREES = 10.0
ZOOM_IN = 0.15
ZOOM_OUT = 0.10
GAMMA_LOG_RANGE = 0.3
CONTRAST_RANGE = 0.2
BRIGHTNESS_RANGE = 0.1
#: Export augmentation (``--export-augment``): how the same film can look after another scanner
#: export or a reduction on another sampling grid. A larger zoom-out range covers films with
#: wider borders or a smaller field; the zoom then samples by nearest neighbour, as the RSNA
#: copies were made, so that it also moves the sampling grid by a fraction of a pixel.
EXPORT_ZOOM_OUT = 0.20
JPEG_PROBABILITY = 0.3
JPEG_QUALITY = (40, 100)
NOISE_SD_MAX = 0.02
BLUR_PROBABILITY = 0.15


def load_prepared(path: str, config: PreprocessConfig) -> np.ndarray:
    image = read_grayscale(path)
    return prepare_image(image, config)[..., None]


def _decoder(config: PreprocessConfig):  # noqa: ANN202 - returns a tf graph function
    size = config.input_size

    def decode(path: tf.Tensor) -> tf.Tensor:
        image = tf.numpy_function(
            lambda p: load_prepared(p.decode(), config), [path], tf.float32, stateful=False
        )
        image.set_shape((size, size, 1))
        return image

    return decode


def photometric_augment(image: tf.Tensor, seed: tf.Tensor, scale: float = 1.0) -> tf.Tensor:
    """Flip, gamma, contrast and brightness on a [0, 1] image (``scale`` times the ranges).

    A purely linear change would be undone by the per-image z-score, so the exposure change that
    survives normalisation is the gamma curve plus the clipping at 0 and 1.
    """
    seeds = tf.random.experimental.stateless_split(seed, 4)
    image = tf.image.stateless_random_flip_left_right(image, seeds[0])
    gamma, contrast, brightness = (scale * r for r in (GAMMA_LOG_RANGE, CONTRAST_RANGE,
                                                        BRIGHTNESS_RANGE))
    log_gamma = tf.random.stateless_uniform([], seeds[1], -gamma, gamma)
    image = tf.pow(tf.maximum(image, 0.0), tf.exp(log_gamma))
    contrast = tf.random.stateless_uniform([], seeds[2], 1 - contrast, 1 + contrast)
    brightness = tf.random.stateless_uniform([], seeds[3], -brightness, brightness)
    return tf.clip_by_value((image - 0.5) * contrast + 0.5 + brightness, 0.0, 1.0)


def exported_look(image: tf.Tensor, seed: tf.Tensor, scale: float = 1.0) -> tf.Tensor:
    """JPEG compression, sensor noise and a slight blur on some films, so that the network
    does not key on how a given film was saved (``scale`` times the probabilities and the
    noise)."""
    seeds = tf.random.experimental.stateless_split(seed, 6)
    draw = tf.random.stateless_uniform([3], seeds[0])
    jpeg = tf.image.stateless_random_jpeg_quality(image, *JPEG_QUALITY, seeds[1])
    image = tf.where(draw[0] < scale * JPEG_PROBABILITY, jpeg, image)
    sigma = tf.random.stateless_uniform([], seeds[2], 0.4, 1.0)
    taps = tf.exp(-tf.square(tf.range(-1.0, 2.0)) / (2 * sigma * sigma))
    taps = taps / tf.reduce_sum(taps)
    kernel = tf.reshape(taps[:, None] * taps[None, :], (3, 3, 1, 1))
    blurred = tf.nn.conv2d(image[None], kernel, 1, "SAME")[0]
    image = tf.where(draw[1] < scale * BLUR_PROBABILITY, blurred, image)
    noise_sd = tf.random.stateless_uniform([], seeds[3], 0.0, scale * NOISE_SD_MAX)
    image = image + noise_sd * tf.random.stateless_normal(tf.shape(image), seeds[4])
    return tf.clip_by_value(image, 0.0, 1.0)


def geometric_augmenter(seed: int, export: bool = False, scale: float = 1.0) -> keras.Sequential:
    zoom_out = EXPORT_ZOOM_OUT if export else ZOOM_OUT
    return keras.Sequential(
        [
            keras.layers.RandomRotation(
                scale * ROTATION_DEGREES / 360.0, fill_mode="constant", fill_value=0.0, seed=seed
            ),
            keras.layers.RandomZoom(
                (-scale * ZOOM_IN, scale * zoom_out), fill_mode="constant", fill_value=0.0,
                seed=seed,
                interpolation="nearest" if export else "bilinear",
            ),
        ],
        name="augment",
    )


def make_dataset(
    records: Sequence[Record],
    config: PreprocessConfig,
    batch_size: int,
    training: bool,
    seed: int = 0,
    cache: bool = True,
    repeat: bool = False,
    export_augment: bool = False,
    sample_weights: np.ndarray | None = None,
    augment_scale: float = 1.0,
) -> tf.data.Dataset:
    """(image, sex) -> scaled age batches. Training sets are shuffled and augmented each epoch.

    ``repeat`` makes the training set endless, for runs whose epochs are a fixed number of
    steps rather than one pass over the images. ``export_augment`` adds the augmentation for
    how a film was exported (see :func:`exported_look`). ``sample_weights`` (one per record)
    makes each batch a third element, the weight of each film in the loss. ``augment_scale``
    narrows (below 1) every augmentation range and probability but the flip, for a last stage
    that fine-tunes on films closer to the clean copies it will be scored on.
    """
    paths = [str(Path(r.path)) for r in records]
    sexes = np.array([[float(r.male)] for r in records], np.float32)
    ages = np.array([[r.bone_age_months / config.age_scale_months] for r in records], np.float32)
    auto = tf.data.AUTOTUNE
    images = tf.data.Dataset.from_tensor_slices(paths)
    images = images.map(_decoder(config), num_parallel_calls=auto)
    if sample_weights is None:
        ds = tf.data.Dataset.zip((images, tf.data.Dataset.from_tensor_slices((sexes, ages))))
        ds = ds.map(lambda img, labels: ((img, labels[0]), labels[1]))
    else:
        weights = np.asarray(sample_weights, np.float32).reshape(-1, 1)
        labelled = tf.data.Dataset.from_tensor_slices((sexes, ages, weights))
        ds = tf.data.Dataset.zip((images, labelled))
        ds = ds.map(lambda img, labels: ((img, labels[0]), labels[1], labels[2]))
    if cache:
        ds = ds.cache()
    if training:
        ds = ds.shuffle(len(paths), seed=seed, reshuffle_each_iteration=True)
        if repeat:
            ds = ds.repeat()
        counter = tf.data.Dataset.counter(seed)
        counter = counter.map(lambda i: tf.stack([i, tf.cast(seed, tf.int64)]))
        def augment(image: tf.Tensor, s: tf.Tensor) -> tf.Tensor:
            image = photometric_augment(image, s, augment_scale)
            return exported_look(image, s + 1, augment_scale) if export_augment else image

        ds = tf.data.Dataset.zip((ds, counter)).map(
            lambda xy, s: ((augment(xy[0][0], s), xy[0][1]), *xy[1:]),
            num_parallel_calls=auto,
        )
        ds = ds.batch(batch_size)
        geometric = geometric_augmenter(seed, export=export_augment, scale=augment_scale)
        ds = ds.map(
            lambda x, *rest: ((geometric(x[0], training=True), x[1]), *rest),
            num_parallel_calls=auto,
        )
    else:
        ds = ds.batch(batch_size)
    return ds.prefetch(auto)
