"""``boneage train``: a resumable Keras training run in a self-contained run folder.

Run folder contents: ``config.json`` (resolved settings), ``split.csv``, ``history.csv`` and
``history.png``, ``backup/`` (Keras BackupAndRestore state, so a killed run resumes where it
stopped), ``best.keras`` (best validation epoch), ``fitted.json`` (training has ended, so a run
killed during its export resumes with the export), ``bundle/`` (the exported ONNX bundle) and
``validation/`` (metrics, predictions and plots, computed with the app's own predictor).
"""

from __future__ import annotations

import csv
import json
import math
import platform
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from model import __version__
from model.dataset import read_labels, read_split, stratified_split, write_split
from model.preprocessing import PreprocessConfig
from model.training.tf_support import import_tensorflow

tf = import_tensorflow()
import keras  # noqa: E402

from model.training.architectures import HEAD_LAYERS, build_model  # noqa: E402
from model.training.pipeline import make_dataset  # noqa: E402


@dataclass
class TrainConfig:
    csv: str
    images: str
    out: str
    arch: str = "custom_cnn"
    img_size: int = 96
    epochs: int = 50
    batch_size: int = 32
    seed: int = 42
    val_fraction: float = 0.15
    loss: str = "huber"
    learning_rate: float = 1e-3
    patience: int = 15
    resize_mode: str = "stretch"
    source_aspect: float | None = None
    convs_per_block: list[int] = field(default_factory=lambda: [1, 1, 1, 1])
    dropout: float = 0.4
    pooling: str = "gap"
    exclude: str | None = None
    limit: int | None = None
    max_minutes: float | None = None
    flip_tta: bool = True
    init_from: str | None = None
    stop_after: int | None = None
    weights: str = "none"
    steps_per_epoch: int | None = None
    schedule: str = "cosine"
    #: (width, height) of the training copies: a larger film is reduced to this first, with
    #: Pillow-style nearest sampling, as the RSNA 100 px copies were made (None: old runs).
    source_size: list[int] | None = None
    #: Sub-pixel sampling grids averaged at inference for films reduced that way.
    sampling_offsets: int = 0
    #: Extra augmentation for how real films are exported (nearest zoom, JPEG, noise, blur).
    export_augment: bool = False
    #: Epochs at the start with a Keras application's backbone frozen (its batch norm then in
    #: inference mode) while the new head learns; 0 trains everything from the first step.
    warmup_epochs: int = 0
    #: The backbone's learning rate as a fraction of the head's after the warm-up.
    backbone_lr_factor: float = 1.0
    #: The backbone's batch norm after the warm-up: "train" (batch statistics, as from scratch)
    #: or "frozen" (inference mode with the pretrained statistics, scale and shift fixed).
    backbone_bn: str = "train"
    #: Stochastic weight averaging: from this epoch (0-based, counted like Keras's) to the end,
    #: the weights at every epoch's end are averaged; None: no averaging. The mean of a run's
    #: late epochs sits nearer the middle of the low-loss region than any single epoch, so it
    #: generalises better at no cost at inference. With the backbone's batch norm frozen there
    #: are no statistics to re-estimate after averaging.
    average_from_epoch: int | None = None
    #: Age-balanced loss: each training film weighs (films in its year of age / films per
    #: year on average) ** -age_balance, normalised to a mean of 1 and held within 1/4-4;
    #: 0 weighs every film alike. The youngest and oldest are few, so an unweighted loss lets
    #: the network pull them towards the middle of the age range, where most films are.
    age_balance: float = 0.0
    #: Every augmentation range and probability but the flip times this (1: as designed).
    #: Below 1 for a last stage on films closer to the clean copies the network is scored on.
    augment_scale: float = 1.0
    #: Seed of the validation split (None: ``seed``). A second network trained with another
    #: ``seed`` on the first one's split can be averaged with it (``boneage ensemble`` refuses
    #: members validated on different splits).
    split_seed: int | None = None

    def model_options(self) -> dict[str, Any]:
        """Keywords for the architecture's builder: the custom CNN's own knobs, or the starting
        weights of a Keras application."""
        options: dict[str, Any] = {"input_size": self.img_size, "dropout": self.dropout}
        if self.arch == "custom_cnn":
            options.update(convs_per_block=tuple(self.convs_per_block), pooling=self.pooling)
        else:
            options["weights"] = self.weights
        return options

    def preprocessing(self) -> PreprocessConfig:
        from model.training.architectures import normalisation_of

        return PreprocessConfig(
            input_size=self.img_size,
            normalisation=normalisation_of(self.arch),
            resize_mode=self.resize_mode,  # type: ignore[arg-type]
            source_aspect=self.source_aspect,
            flip_tta=self.flip_tta,
            source_size=tuple(self.source_size) if self.source_size else None,  # type: ignore[arg-type]
            sampling_offsets=self.sampling_offsets,
        )


#: Settings that must not change when a run resumes (the rest, e.g. epochs, may).
_FIXED_ON_RESUME = ("csv", "arch", "img_size", "seed", "val_fraction", "resize_mode",
                    "source_aspect", "convs_per_block", "pooling", "loss", "exclude", "limit",
                    "init_from", "weights", "steps_per_epoch", "schedule", "source_size",
                    "export_augment", "warmup_epochs", "backbone_lr_factor", "backbone_bn",
                    "average_from_epoch", "age_balance", "augment_scale", "split_seed")

#: Training-time choices for a pretrained backbone, used when ``weights`` is "imagenet" and the
#: command line does not say otherwise. One frozen epoch lets the randomly initialised head
#: settle before its gradients reach the ImageNet features (an untrained head's large errors
#: would otherwise rewrite them in the first steps); a tenth of the head's learning rate then
#: adapts the backbone without forgetting; batch norm stays in inference mode with ImageNet's
#: statistics, so the features the head learnt on in the warm-up do not change their scale at
#: the switch (docs/model-comparison.md, "Pretrained backbone").
PRETRAINED_DEFAULTS: dict[str, Any] = {
    "warmup_epochs": 1, "backbone_lr_factor": 0.1, "backbone_bn": "frozen"}
#: The same settings for a network trained from scratch: one phase, one rate, batch norm trains.
SCRATCH_DEFAULTS: dict[str, Any] = {
    "warmup_epochs": 0, "backbone_lr_factor": 1.0, "backbone_bn": "train"}


def backbone_defaults(weights: str) -> dict[str, Any]:
    """Warm-up, backbone learning-rate factor and batch-norm mode for these starting weights."""
    return dict(PRETRAINED_DEFAULTS if weights == "imagenet" else SCRATCH_DEFAULTS)


@keras.saving.register_keras_serializable(package="boneage")
class BackboneScaledAdam(keras.optimizers.Adam):
    """Adam with every variable outside the named head layers stepped at ``backbone_factor``
    times the learning rate.

    One optimizer rather than two, so that the learning-rate schedules, BackupAndRestore and
    the checkpoints of the single-optimizer runs work unchanged. Scaling the gradients instead
    would do nothing: Adam divides each step by the gradient's own running scale.
    """

    def __init__(self, *args: Any, backbone_factor: float = 0.1,
                 head_layers: tuple[str, ...] | list[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.backbone_factor = float(backbone_factor)
        self.head_layers = tuple(head_layers)
        self._full_rate: set[Any] = set()

    def build(self, var_list: list[Any]) -> None:
        super().build(var_list)
        # Keys, not paths: the TensorFlow backend hands update_step the raw tf.Variable.
        self._full_rate = {self._var_key(v) for v in var_list
                           if v.path.split("/")[0] in self.head_layers}

    def update_step(self, gradient: Any, variable: Any, learning_rate: Any) -> None:
        if self._var_key(variable) not in self._full_rate:
            learning_rate = learning_rate * self.backbone_factor
        super().update_step(gradient, variable, learning_rate)

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "backbone_factor": self.backbone_factor,
                "head_layers": list(self.head_layers)}


def pretrained_backbone(model: keras.Model) -> keras.Model | None:
    """The nested application network of a Keras-application model (None for the custom CNN,
    whose layers sit directly in the model)."""
    nested = [layer for layer in model.layers if isinstance(layer, keras.Model)]
    return nested[0] if len(nested) == 1 else None


def set_backbone_phase(backbone: keras.Model, phase: str, backbone_bn: str) -> None:
    """Freeze the backbone for the warm-up, or open it for training with batch norm as chosen.

    A frozen Keras layer also runs its batch norm in inference mode, which is what both the
    warm-up and ``backbone_bn="frozen"`` want; the flag only takes effect at the next compile.
    """
    if backbone_bn not in ("train", "frozen"):
        raise ValueError(f"unknown backbone batch-norm mode {backbone_bn!r} (train, frozen)")
    open_backbone = phase != "warmup"
    backbone.trainable = open_backbone
    # Layer by layer as well: batch norm decides its mode from its own flag, and the
    # model-level setter does not reliably reach layers that were set one by one before.
    for layer in backbone.layers:
        is_norm = isinstance(layer, keras.layers.BatchNormalization)
        layer.trainable = open_backbone and not (is_norm and backbone_bn == "frozen")



def make_loss(name: str, age_scale_months: float) -> keras.losses.Loss | str:
    if name == "huber":
        # Quadratic up to 12 months of error, linear beyond: robust to label noise.
        return keras.losses.Huber(delta=12.0 / age_scale_months)
    if name in ("mae", "mse"):
        return name
    raise ValueError(f"unknown loss {name!r} (huber, mae, mse)")


def cosine_schedule(base_lr: float, epochs: int):  # noqa: ANN201
    """Cosine decay by epoch down to 1% of the base rate; a pure function of the epoch, so it
    survives a resume unchanged."""

    def schedule(epoch: int, lr: float) -> float:
        progress = min(epoch / max(epochs - 1, 1), 1.0)
        return base_lr * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * progress)))

    return schedule


def age_balanced_weights(ages_months: list[float], power: float,
                         limits: tuple[float, float] = (0.25, 4.0)) -> np.ndarray:
    """Loss weight per film: inverse frequency of its year of age to ``power`` (see
    ``TrainConfig.age_balance``), mean 1."""
    years = np.asarray(ages_months, np.float64) // 12
    _, index, counts = np.unique(years, return_inverse=True, return_counts=True)
    weights = (counts[index] / counts.mean()) ** -power
    weights = np.clip(weights / weights.mean(), *limits)
    return weights / weights.mean()


class EpochTimer(keras.callbacks.Callback):
    """Appends each epoch's wall-clock seconds to a CSV in the run folder, so that time per
    epoch and the time already spent survive a resume."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self._start = 0.0

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._start = time.monotonic()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        new = not self.path.exists()
        with self.path.open("a") as handle:
            if new:
                handle.write("epoch,seconds\n")
            handle.write(f"{epoch},{time.monotonic() - self._start:.2f}\n")


def seconds_spent(path: Path) -> float:
    """Training seconds recorded by :class:`EpochTimer` (0 for a new run)."""
    if not path.exists():
        return 0.0
    with path.open(newline="") as handle:
        return sum(float(row["seconds"]) for row in csv.DictReader(handle))


class TimeCosineSchedule(keras.callbacks.Callback):
    """Cosine decay over a wall-clock budget, set before every batch, ending the run when the
    budget is spent.

    Used to compare architectures of very different speeds under one CPU budget: each gets a
    full schedule (high rate, then annealed) in the same minutes, where an epoch-based schedule
    cut by a time limit would stop the slow ones at a high learning rate.
    """

    def __init__(self, base_lr: float, minutes: float, already_spent_s: float = 0.0) -> None:
        super().__init__()
        self.base_lr = base_lr
        self.budget_s = minutes * 60
        self.start = time.monotonic() - already_spent_s

    def rate(self, elapsed_s: float) -> float:
        progress = min(elapsed_s / self.budget_s, 1.0)
        return self.base_lr * (0.01 + 0.99 * 0.5 * (1 + math.cos(math.pi * progress)))

    def on_train_batch_begin(self, batch: int, logs: dict | None = None) -> None:
        self.model.optimizer.learning_rate.assign(self.rate(time.monotonic() - self.start))

    def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
        if time.monotonic() - self.start >= self.budget_s:
            self.model.stop_training = True

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if logs is not None:
            logs["learning_rate"] = float(self.model.optimizer.learning_rate.numpy())


class StopAfter(keras.callbacks.Callback):
    """End the run after a given number of epochs while the learning-rate schedule keeps the
    length of the planned run (how the bundled model's first phase fitted its CPU budget)."""

    def __init__(self, epochs: int) -> None:
        super().__init__()
        self.epochs = epochs

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if epoch + 1 >= self.epochs:
            self.model.stop_training = True


class WeightAverage(keras.callbacks.Callback):
    """Running mean of the weights at the end of each epoch from ``start_epoch`` on, kept in
    ``path`` (an .npz written after every epoch), so that a resumed run goes on averaging where
    the interrupted one stopped instead of starting the mean again."""

    def __init__(self, path: Path, start_epoch: int) -> None:
        super().__init__()
        self.path = path
        self.start_epoch = start_epoch
        self.mean, self.count, self.last_epoch = load_average(path)

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if epoch < self.start_epoch or epoch <= self.last_epoch:
            return  # before the window, or already counted before an interruption
        weights = [np.asarray(w, np.float64) for w in self.model.get_weights()]
        if self.mean is None:
            self.mean = weights
        else:
            step = 1 / (self.count + 1)
            self.mean = [m + (w - m) * step for m, w in zip(self.mean, weights, strict=True)]
        self.count += 1
        self.last_epoch = epoch
        partial = self.path.with_name(self.path.stem + ".partial.npz")
        np.savez(partial, count=self.count, last_epoch=epoch,
                 **{f"w{i}": m for i, m in enumerate(self.mean)})
        partial.replace(self.path)  # whole or not at all, should the run die mid-write


def load_average(path: Path) -> tuple[list[np.ndarray] | None, int, int]:
    """(mean weights, epochs averaged, last epoch averaged) from a :class:`WeightAverage` file;
    (None, 0, -1) when there is none yet."""
    if not path.exists():
        return None, 0, -1
    with np.load(path) as data:
        count = int(data["count"])
        mean = [data[f"w{i}"] for i in range(len(data.files) - 2)]
        return mean, count, int(data["last_epoch"])


def _adopt_average(model: keras.Model, run: Path, val_ds: Any,
                   history_csv: Path) -> Path | None:
    """Score the averaged weights on the validation split; save them as ``average.keras`` and
    return that path when they beat the best single epoch, else None. Either way the figures
    go to ``average.json``."""
    mean, count, last = load_average(run / "average.npz")
    if mean is None:
        return None
    model.set_weights([m.astype(w.dtype) for m, w in zip(mean, model.get_weights(), strict=True)])
    scores = model.evaluate(val_ds, verbose=0, return_dict=True)
    best_epoch = _best_so_far(history_csv, "val_mae")
    adopted = scores["mae"] < best_epoch
    (run / "average.json").write_text(json.dumps({
        "epochs_averaged": count, "last_epoch": last, "val_mae": scores["mae"],
        "best_single_epoch_val_mae": best_epoch, "adopted": bool(adopted)}, indent=2) + "\n")
    print(f"Weight average of {count} epochs: val_mae {scores['mae']:.5f} "
          f"(best single epoch {best_epoch:.5f}); {'adopted' if adopted else 'not adopted'}.")
    if not adopted:
        return None
    model.save(run / "average.keras")
    return run / "average.keras"


class TimeLimit(keras.callbacks.Callback):
    """Stop after the epoch that crosses a wall-clock budget (the CPU recipe's 90 minutes)."""

    def __init__(self, minutes: float) -> None:
        super().__init__()
        self.deadline = time.monotonic() + minutes * 60

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        if time.monotonic() > self.deadline:
            print(f"\nTime budget reached after epoch {epoch + 1}; stopping.")
            self.model.stop_training = True


def choose_strategy() -> tf.distribute.Strategy:
    gpus = tf.config.list_logical_devices("GPU")
    return tf.distribute.MirroredStrategy() if gpus else tf.distribute.get_strategy()


def _load_excluded(paths: str | None) -> set[str]:
    """Ids to leave out, from one or more CSVs with an ``id`` column (comma-separated paths)."""
    ids: set[str] = set()
    for path in (p.strip() for p in (paths or "").split(",")):
        if path:
            with open(path, newline="") as handle:
                ids |= {row["id"].strip() for row in csv.DictReader(handle)}
    return ids


def _prepare_run(cfg: TrainConfig, run: Path) -> tuple[list, list]:
    config_path = run / "config.json"
    if config_path.exists():
        previous = json.loads(config_path.read_text())
        # A setting added after the run began is absent from its config: it had the default.
        defaults = {f.name: f.default for f in fields(TrainConfig)}
        changed = [k for k in _FIXED_ON_RESUME
                   if previous.get(k, defaults.get(k)) != asdict(cfg).get(k)]
        if changed:
            raise SystemExit(
                f"{run} holds a run with different settings ({', '.join(changed)}); "
                "use another --out folder"
            )
    records = read_labels(cfg.csv, cfg.images)
    excluded = _load_excluded(cfg.exclude)
    records = [r for r in records if r.image_id not in excluded]
    if cfg.limit:
        records = sorted(records, key=lambda r: r.image_id)[: cfg.limit]
    split_path = run / "split.csv"
    if split_path.exists():
        train, val = read_split(split_path, records)
    else:
        split_seed = cfg.seed if cfg.split_seed is None else cfg.split_seed
        train, val = stratified_split(records, cfg.val_fraction, split_seed)
        write_split(split_path, train, val)
    config_path.write_text(json.dumps(asdict(cfg), indent=2) + "\n")
    return train, val


def _best_so_far(history_csv: Path, key: str) -> float:
    if not history_csv.exists():
        return math.inf
    values = []
    with history_csv.open(newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                values.append(float(row.get(key) or "nan"))
            except ValueError:  # CSVLogger writes "NA" for a value it did not get
                continue
    return min((v for v in values if math.isfinite(v)), default=math.inf)


def plot_history(history_csv: Path, out_png: Path, age_scale: float) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with history_csv.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return
    epochs = [int(r["epoch"]) + 1 for r in rows]
    fig, ax = plt.subplots(figsize=(6, 4), dpi=110)
    for key, label in (("mae", "training"), ("val_mae", "validation")):
        ax.plot(epochs, [float(r[key]) * age_scale for r in rows], marker="o", ms=3, label=label)
    ax.set(xlabel="epoch", ylabel="MAE (months)", title="Training history")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out_png)
    plt.close(fig)


def _fit(cfg: TrainConfig, run: Path, model: keras.Model, backbone: keras.Model | None,
         warmup: int, strategy: tf.distribute.Strategy, loss: Any, train_ds: Any, val_ds: Any,
         callbacks: list[keras.callbacks.Callback] | None) -> float:
    """The warm-up (when there is a pretrained backbone) and the main phase; the seconds they
    took in this session. Each phase resumes from its own backup after an interruption."""
    history_csv = run / "history.csv"
    timer_csv = run / "epoch_seconds.csv"

    def checkpoint() -> keras.callbacks.Callback:
        best = keras.callbacks.ModelCheckpoint(
            run / "best.keras", monitor="val_mae", save_best_only=True, verbose=0)
        best.best = _best_so_far(history_csv, "val_mae")  # keep the best across a resume
        return best

    def schedule() -> keras.callbacks.Callback:
        if cfg.schedule == "cosine":
            return keras.callbacks.LearningRateScheduler(
                cosine_schedule(cfg.learning_rate, cfg.epochs))
        if cfg.schedule == "cosine-time":
            if not cfg.max_minutes:
                raise ValueError("the cosine-time schedule needs a time budget (--max-minutes)")
            return TimeCosineSchedule(cfg.learning_rate, cfg.max_minutes, seconds_spent(timer_csv))
        raise ValueError(f"unknown schedule {cfg.schedule!r} (cosine, cosine-time)")

    started = time.time()
    warmup_weights = run / "warmup.weights.h5"
    if warmup and backbone is not None:
        if warmup_weights.exists():  # the warm-up of an interrupted run is done
            model.load_weights(warmup_weights)
        else:
            # Phase 1: the head alone on the frozen backbone, in its own backup folder (its
            # optimizer holds fewer variables than the second phase's).
            print(f"Warm-up: {warmup} epoch(s) with the {backbone.name} backbone frozen.")
            set_backbone_phase(backbone, "warmup", cfg.backbone_bn)
            with strategy.scope():
                model.compile(optimizer=keras.optimizers.Adam(cfg.learning_rate), loss=loss,
                              metrics=["mae"])
            model.fit(train_ds, validation_data=val_ds, epochs=warmup,
                      steps_per_epoch=cfg.steps_per_epoch, verbose=2, callbacks=[
                          EpochTimer(timer_csv),
                          keras.callbacks.BackupAndRestore(str(run / "backup_warmup")),
                          schedule(), checkpoint(),
                          keras.callbacks.CSVLogger(str(history_csv), append=True)])
            model.save_weights(warmup_weights)
    if backbone is not None:
        set_backbone_phase(backbone, "train", cfg.backbone_bn)
    with strategy.scope():
        if backbone is not None and cfg.backbone_lr_factor != 1.0:
            optimizer: keras.optimizers.Optimizer = BackboneScaledAdam(
                cfg.learning_rate, backbone_factor=cfg.backbone_lr_factor,
                head_layers=HEAD_LAYERS)
        else:
            optimizer = keras.optimizers.Adam(cfg.learning_rate)
        model.compile(optimizer=optimizer, loss=loss, metrics=["mae"])
    all_callbacks: list[keras.callbacks.Callback] = [
        EpochTimer(timer_csv),
        keras.callbacks.BackupAndRestore(str(run / "backup")),
        schedule(),
        keras.callbacks.EarlyStopping(monitor="val_mae", patience=cfg.patience,
                                      restore_best_weights=True),
        checkpoint(),
        keras.callbacks.CSVLogger(str(history_csv), append=True),
        *(callbacks or []),
    ]
    if cfg.max_minutes and cfg.schedule == "cosine":
        all_callbacks.append(TimeLimit(cfg.max_minutes))
    if cfg.stop_after:
        all_callbacks.append(StopAfter(cfg.stop_after))
    if cfg.average_from_epoch is not None:
        # After the checkpoint, so that an epoch's weights are averaged as they were scored.
        all_callbacks.append(WeightAverage(run / "average.npz", cfg.average_from_epoch))
    model.fit(train_ds, validation_data=val_ds, epochs=cfg.epochs, initial_epoch=warmup,
              callbacks=all_callbacks, steps_per_epoch=cfg.steps_per_epoch, verbose=2)
    return time.time() - started


def train(
    cfg: TrainConfig, callbacks: list[keras.callbacks.Callback] | None = None
) -> dict[str, Any]:
    """Train, export the best epoch as a bundle, and score it on the validation split.

    Calling it again on the folder of an interrupted run resumes from the last finished epoch;
    a finished run (it has ``val_metrics.json``) is never silently restarted.
    """
    from model.evaluation import evaluate_records
    from model.predictor import Predictor
    from model.training.export import export_bundle

    run = Path(cfg.out)
    if (run / "val_metrics.json").exists():
        raise SystemExit(f"{run} holds a finished run; choose another --out folder")
    run.mkdir(parents=True, exist_ok=True)
    keras.utils.set_random_seed(cfg.seed)
    train_records, val_records = _prepare_run(cfg, run)
    prep = cfg.preprocessing()
    print(f"Training on {len(train_records)} images, validating on {len(val_records)}; "
          f"input {prep.input_size}px ({prep.resize_mode}).")

    strategy = choose_strategy()
    loss = make_loss(cfg.loss, prep.age_scale_months)
    with strategy.scope():
        model = build_model(cfg.arch, **cfg.model_options())
        if cfg.init_from:
            # Start from another run's weights. The network is fully convolutional up to its
            # global pooling, so weights trained at one input size load at another (used to
            # finish a low-resolution run at a higher resolution).
            model.load_weights(cfg.init_from)
    backbone = pretrained_backbone(model)
    warmup = cfg.warmup_epochs if backbone is not None else 0
    train_ds = make_dataset(train_records, prep, cfg.batch_size, training=True, seed=cfg.seed,
                            repeat=cfg.steps_per_epoch is not None,
                            export_augment=cfg.export_augment,
                            augment_scale=cfg.augment_scale,
                            sample_weights=age_balanced_weights(
                                [r.bone_age_months for r in train_records], cfg.age_balance)
                            if cfg.age_balance else None)
    val_ds = make_dataset(val_records, prep, cfg.batch_size, training=False)

    history_csv = run / "history.csv"
    fitted = run / "fitted.json"
    if fitted.exists():
        # Training ended before an interruption (in the export or the scoring): BackupAndRestore
        # deleted its state when fit ended, so fitting again would start the epochs over.
        train_seconds = float(json.loads(fitted.read_text())["seconds_this_session"])
        print(f"Training already finished in {run}; exporting its best epoch.")
        with strategy.scope():  # the weight average is scored with the compiled metrics
            model.compile(loss=loss, metrics=["mae"])
    else:
        train_seconds = _fit(cfg, run, model, backbone, warmup, strategy, loss, train_ds,
                             val_ds, callbacks)
        fitted.write_text(json.dumps({"seconds_this_session": round(train_seconds, 1)}) + "\n")
    plot_history(history_csv, run / "history.png", prep.age_scale_months)

    best = run / "best.keras" if (run / "best.keras").exists() else None
    if cfg.average_from_epoch is not None:
        best = _adopt_average(model, run, val_ds, history_csv) or best
    if best is None:
        model.save(run / "last.keras")
        best = run / "last.keras"
    extra = {
        "trained_with": {
            "boneage_version": __version__, "tensorflow": tf.__version__,
            "machine": f"{platform.machine()} {platform.processor() or ''}".strip(),
            "train_images": len(train_records), "val_images": len(val_records),
            "seconds_this_session": round(train_seconds, 1), "config": asdict(cfg),
        }
    }
    bundle = export_bundle(best, run / "bundle", prep, name=f"boneage-{cfg.arch}",
                           version=__version__, architecture=cfg.arch, extra=extra)
    metrics = evaluate_records(Predictor(bundle), val_records, run / "validation")
    (run / "val_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    print(f"Validation (ONNX predictor): MAE {metrics['mae_months']:.2f} months, "
          f"RMSE {metrics['rmse_months']:.2f}, R² {metrics['r2']:.3f}, n={metrics['n']}")
    return metrics
