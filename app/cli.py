"""The ``boneage`` command: ``train``, ``evaluate``, ``predict``, ``export``, ``ensemble``,
``compare``, ``finetune``, ``self-test`` and ``gui``.

Qt-free: every subcommand but ``gui`` runs headless, and TensorFlow is imported only by the
subcommands that need it, so a runtime-only install answers them with a one-line hint.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from model import __version__
from model.errors import BoneAgeError, ImageReadError, MissingExtraError

if TYPE_CHECKING:
    from model.predictor import Prediction, Predictor


def _add_labelled_set(p: argparse.ArgumentParser, what: str = "labels") -> None:
    """--csv and --images: a labelled set in the RSNA/Kaggle layout, as every command reads it."""
    p.add_argument("--csv", required=True, help=f"{what}: id,boneage,male")
    p.add_argument("--images", required=True, help="folder of {id}.png")


def _add_train(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("train", help="train a model on an RSNA-layout labelled set")
    _add_labelled_set(p)
    p.add_argument("--out", required=True, help="run folder (an existing one resumes)")
    p.add_argument("--arch", default="custom_cnn",
                   help="custom_cnn (default), vgg16, efficientnetb0, mobilenetv2 or "
                        "efficientnet_lite0")
    p.add_argument("--weights", choices=("none", "imagenet"), default="none",
                   help="starting weights of the Keras applications: imagenet only from the "
                        "Keras cache (never downloaded; efficientnet_lite0's are made by "
                        "python -m model.training.convert_efficientnet_lite)")
    _add_backbone_options(p)
    p.add_argument("--img-size", type=int, default=96)
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--val-fraction", type=float, default=0.15)
    p.add_argument("--loss", choices=("huber", "mae", "mse"), default="huber")
    p.add_argument("--learning-rate", type=float, default=1e-3)
    p.add_argument("--patience", type=int, default=15)
    p.add_argument("--resize-mode", choices=("stretch", "pad"), default="stretch")
    p.add_argument("--source-aspect", type=float, default=None,
                   help="stretch square training images back to this width/height first")
    p.add_argument("--convs-per-block", default="1,1,1,1",
                   help="convolutions in each of the four blocks, e.g. 2,2,2,2")
    p.add_argument("--pooling", choices=("gap", "flatten"), default="gap")
    p.add_argument("--dropout", type=float, default=0.4)
    p.add_argument("--exclude", default=None,
                   help="CSV(s) with an id column of images to leave out, comma-separated")
    p.add_argument("--limit", type=int, default=None, help="use only the first N images (tests)")
    p.add_argument("--source-size", default=None, metavar="WxH",
                   help="size the training copies were reduced to from the scanner's film "
                        "(e.g. 100x100 for the RSNA copies); larger films are reduced the same way")
    p.add_argument("--sampling-offsets", type=int, default=0,
                   help="sub-pixel sampling grids averaged for films reduced that way")
    p.add_argument("--export-augment", action="store_true",
                   help="augment for how films are exported: nearest zoom, JPEG, noise, blur")
    p.add_argument("--max-minutes", type=float, default=None, help="wall-clock budget")
    p.add_argument("--no-flip-tta", action="store_true", help="no test-time flip averaging")
    p.add_argument("--stop-after", type=int, default=None, metavar="N",
                   help="end after N epochs, keeping the learning-rate schedule of --epochs")
    p.add_argument("--init-from", default=None,
                   help="start from these weights (.keras), e.g. to continue at another size")
    p.add_argument("--steps-per-epoch", type=int, default=None,
                   help="epochs of N batches instead of one pass over the images")
    p.add_argument("--schedule", choices=("cosine", "cosine-time"), default="cosine",
                   help="cosine over --epochs, or over the --max-minutes budget")
    p.add_argument("--split-seed", type=int, default=None, metavar="N",
                   help="seed of the validation split (default: --seed), so that networks "
                        "trained with other seeds share one split")
    p.add_argument("--augment-scale", type=float, default=1.0, metavar="S",
                   help="every augmentation range and probability but the flip times S "
                        "(below 1: a last stage on films nearer the clean copies)")
    p.add_argument("--age-balance", type=float, default=0.0, metavar="P",
                   help="weigh each film in the loss by (films of its year of age / average) "
                        "** -P, so the few youngest and oldest are not pulled to the middle")
    p.add_argument("--average-from-epoch", type=int, default=None, metavar="E",
                   help="average the weights of every epoch from E (0-based) to the end "
                        "(stochastic weight averaging); the mean is exported when it scores "
                        "better on validation than the best single epoch")


def _add_backbone_options(p: argparse.ArgumentParser) -> None:
    """How a Keras application's backbone trains; the defaults depend on --weights."""
    p.add_argument("--warmup-epochs", type=int, default=None,
                   help="epochs with the backbone frozen first (default: 1 with --weights "
                        "imagenet, else 0)")
    p.add_argument("--backbone-lr-factor", type=float, default=None,
                   help="backbone learning rate / head learning rate after the warm-up "
                        "(default: 0.1 with --weights imagenet, else 1)")
    p.add_argument("--backbone-bn", choices=("train", "frozen"), default=None,
                   help="backbone batch norm after the warm-up: frozen keeps the pretrained "
                        "statistics in inference mode (default with --weights imagenet), "
                        "train uses batch statistics (default otherwise)")


def _backbone_settings(args: argparse.Namespace) -> dict[str, object]:
    """The three backbone options, each given one or the default for the starting weights."""
    from model.training.run import backbone_defaults

    chosen = {"warmup_epochs": args.warmup_epochs, "backbone_lr_factor": args.backbone_lr_factor,
              "backbone_bn": args.backbone_bn}
    defaults = backbone_defaults(args.weights)
    return {k: defaults[k] if v is None else v for k, v in chosen.items()}


def _size(text: str | None) -> list[int] | None:
    """'100x100' (width x height) to [100, 100]."""
    if not text:
        return None
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise SystemExit(f"--source-size takes WIDTHxHEIGHT, e.g. 100x100, not {text!r}") from None
    return [width, height]


def _cmd_train(args: argparse.Namespace) -> int:
    from model.training.run import TrainConfig, train

    cfg = TrainConfig(
        csv=args.csv, images=args.images, out=args.out, arch=args.arch, img_size=args.img_size,
        epochs=args.epochs, batch_size=args.batch_size, seed=args.seed,
        val_fraction=args.val_fraction, loss=args.loss, learning_rate=args.learning_rate,
        patience=args.patience, resize_mode=args.resize_mode, source_aspect=args.source_aspect,
        convs_per_block=[int(c) for c in args.convs_per_block.split(",")],
        pooling=args.pooling, dropout=args.dropout, exclude=args.exclude, limit=args.limit,
        max_minutes=args.max_minutes,
        flip_tta=not args.no_flip_tta, init_from=args.init_from, stop_after=args.stop_after,
        weights=args.weights, steps_per_epoch=args.steps_per_epoch, schedule=args.schedule,
        source_size=_size(args.source_size), sampling_offsets=args.sampling_offsets,
        export_augment=args.export_augment, average_from_epoch=args.average_from_epoch,
        age_balance=args.age_balance, augment_scale=args.augment_scale,
        split_seed=args.split_seed,
        **_backbone_settings(args),
    )
    train(cfg)
    return 0


def _add_evaluate(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="score the predictor on an RSNA-layout labelled set")
    _add_labelled_set(p)
    p.add_argument("--model", default=None, help="bundle folder (default: the bundled model)")
    p.add_argument("--out", default=None, help="folder for predictions.csv, metrics and plots")
    p.add_argument("--json", action="store_true", help="end with one JSON line of metrics")


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from model.dataset import read_labels
    from model.evaluation import evaluate_records
    from model.predictor import Predictor

    records = read_labels(args.csv, args.images)
    if not records:
        raise ValueError(f"{args.csv} lists no images")
    predictor = Predictor(args.model)
    m = evaluate_records(predictor, records, args.out)
    print(f"Model: {m['model']}")
    print(f"n={m['n']}  MAE {m['mae_months']:.2f} months  RMSE {m['rmse_months']:.2f}  "
          f"R² {m['r2']:.3f}  bias {m['bias_months']:+.2f}  "
          f"within 12 months {100 * m['within_12_months']:.1f}%")
    for sex, mae in m.get("mae_by_sex", {}).items():
        print(f"  MAE {sex:<6} {mae:6.2f}")
    for band, mae in m["mae_by_age_band"].items():
        print(f"  MAE {band:<7} {mae:6.2f}")
    if args.out:
        print(f"Predictions and plots written to {args.out}")
    if args.json:
        print(json.dumps(m))
    return 0


def _add_predict(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("predict", help="bone age of one or more radiographs, or of a folder")
    p.add_argument("images", nargs="+", help="PNG, JPEG or DICOM files, or one folder")
    p.add_argument("--sex", choices=("female", "male"), help="the patient's sex (files)")
    p.add_argument("--sexes", help="folder mode: CSV with file,sex[,birth_date,exam_date]")
    p.add_argument("--out", help="write the results to this file instead of the screen "
                   "(folder mode: the CSV, default bone_ages.csv)")
    p.add_argument("--model", default=None, help="bundle folder (default: the bundled model)")
    p.add_argument("--json", action="store_true", help="one JSON object per image per line")


def _cmd_predict_folder(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from app.batch import read_sex_table, run_batch
    from model.predictor import Predictor

    folder = Path(args.images[0])
    items = read_sex_table(args.sexes, folder)
    out = Path(args.out or "bone_ages.csv")
    summary = run_batch(Predictor(args.model), items, out,
                        progress=lambda it: tqdm(it, total=len(items), unit="row"))
    print(f"{summary.total} rows, {summary.answered} answered, {summary.failed} with an error "
          f"(see its error column): {out}")
    return 1 if summary.failed else 0


def _cmd_predict(args: argparse.Namespace) -> int:
    from model.predictor import Predictor

    folders = [image for image in args.images if Path(image).is_dir()]
    if args.sexes:
        if len(args.images) != 1 or not folders:
            raise ValueError("--sexes goes with exactly one folder of images")
        return _cmd_predict_folder(args)
    if folders:
        what = "--out " if args.out else ""
        raise ValueError(f"{folders[0]} is a folder: {what}needs --sexes CSV, a table with "
                         "the columns file,sex[,birth_date,exam_date] (sex F or M; dates "
                         "YYYY-MM-DD)")
    if not args.sex:
        raise ValueError("choose the patient's sex with --sex female or --sex male")
    predictor = Predictor(args.model)
    # --out: the program writes the file itself, so that no shell redirection is needed (a
    # frozen Windows app under Wine 8 dies when a standard stream is redirected to a file).
    if args.out:
        with Path(args.out).open("w", encoding="utf-8") as out:
            failed = _predict_files(predictor, args, out)
        print(f"{len(args.images)} images, {failed} with an error: {args.out}")
    else:
        failed = _predict_files(predictor, args, sys.stdout)
    return 1 if failed else 0


def _predict_files(predictor: Predictor, args: argparse.Namespace, out: TextIO) -> int:
    failed = 0
    for image in args.images:
        try:
            result = _predict_one(predictor, image, args.sex)
        except ImageReadError as exc:
            failed += 1
            print(f"boneage: {exc}", file=sys.stderr)
            if args.json:
                print(json.dumps({"file": image, "sex": args.sex, "bone_age_months": None,
                                  "bone_age": None, "interval_low_months": None,
                                  "interval_high_months": None, "check_image": None,
                                  "check_reason": None, "error": str(exc)}), file=out)
            continue
        if args.json:
            print(json.dumps(_prediction_json(image, result)), file=out)
        else:
            print(_prediction_line(image, result), file=out)
    return failed


def _predict_one(predictor: Predictor, image: str, sex: str) -> Prediction:
    """As the window does: the predictor's answer, flagged when small rotations move it more
    than the validation films ever did."""
    from app.service import predict_with_stability
    from model.image_io import read_grayscale

    return predict_with_stability(predictor, read_grayscale(image), sex)[0]


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _prediction_json(image: str, result: Prediction) -> dict[str, object]:
    """One line of ``predict --json``: the number with its 90 % interval and the flag."""
    return {"file": image, "sex": result.sex,
            "bone_age_months": round(result.bone_age_months, 2),
            "bone_age": result.years_months,
            "interval_low_months": _rounded(result.interval_low_months),
            "interval_high_months": _rounded(result.interval_high_months),
            "check_image": bool(result.check_image), "check_reason": result.check_reason,
            "model": result.model_label, "error": None}


def _prediction_line(image: str, result: Prediction) -> str:
    text = f"{image}: {result.years_months} ({result.bone_age_months:.1f} months)"
    if result.interval_low_months is not None and result.interval_high_months is not None:
        text += (f", 90 % interval {result.interval_low_months:.0f}-"
                 f"{result.interval_high_months:.0f} months")
    else:
        text += ", no interval (this model carries none)"
    if result.check_image:
        text += f"; CHECK IMAGE: {result.check_reason or 'unusual film'}"
    return text


def _add_export(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="turn a trained run (Keras) into an ONNX model bundle")
    p.add_argument("run", help="training run folder (holds config.json and best.keras)")
    p.add_argument("--out", required=True, help="bundle folder to write")
    p.add_argument("--name", default=None, help="model name (default: boneage-<arch>)")


def _cmd_export(args: argparse.Namespace) -> int:
    from model.training.export import export_run

    bundle = export_run(args.run, args.out, args.name)
    print(f"Wrote {bundle.directory} ({bundle.label})")
    return 0


def _add_ensemble(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("ensemble", help="average trained runs' networks into one run (scored)")
    p.add_argument("runs", nargs="+", help="training run folders on the same split")
    p.add_argument("--out", required=True, help="run folder to write (then export or install)")
    p.add_argument("--no-flip", action="store_true",
                   help="read each film once, not also mirrored (half the network passes: "
                        "two members then cost what one did with flip averaging)")


def _cmd_ensemble(args: argparse.Namespace) -> int:
    from model.training.ensemble import make_ensemble_run, score_ensemble_run

    if len(args.runs) < 2:
        raise ValueError("an ensemble needs at least two runs")
    run = make_ensemble_run(args.runs, args.out, flip_tta=False if args.no_flip else None)
    metrics = score_ensemble_run(run)
    print(f"Wrote {run}: validation MAE {metrics['mae_months']:.2f} months, "
          f"RMSE {metrics['rmse_months']:.2f}, n={metrics['n']}")
    return 0


def _add_compare(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="train each architecture under one budget and tabulate")
    _add_labelled_set(p)
    p.add_argument("--out", required=True,
                   help="folder for one run per architecture and comparison.csv (resumes)")
    p.add_argument("--archs", default="custom_cnn,vgg16,efficientnetb0,mobilenetv2")
    p.add_argument("--img-size", type=int, default=64)
    p.add_argument("--minutes", type=float, default=8.0, help="training minutes per network")
    p.add_argument("--steps-per-epoch", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--weights", choices=("none", "imagenet", "auto"), default="none",
                   help="imagenet: every architecture but custom_cnn starts from ImageNet; "
                        "auto: ImageNet where the Keras cache has the weights, else none")
    _add_backbone_options(p)
    p.add_argument("--exclude", default=None, help="CSV with an id column of images to leave out")
    p.add_argument("--limit", type=int, default=None, help="use only the first N images (tests)")
    p.add_argument("--doc", default="docs/model-comparison.md",
                   help="Markdown file whose results block is (re)written; '' for none")


def _cmd_compare(args: argparse.Namespace) -> int:
    from model.training.comparison import CompareSettings, run_comparison

    settings = CompareSettings(
        csv=args.csv, images=args.images, out=args.out,
        archs=[a.strip() for a in args.archs.split(",") if a.strip()], img_size=args.img_size,
        minutes=args.minutes, steps_per_epoch=args.steps_per_epoch, batch_size=args.batch_size,
        seed=args.seed, weights=args.weights, exclude=args.exclude, limit=args.limit,
        warmup_epochs=args.warmup_epochs, backbone_lr_factor=args.backbone_lr_factor,
        backbone_bn=args.backbone_bn)
    rows = run_comparison(settings, args.doc or None)
    print(f"Wrote {Path(args.out) / 'comparison.csv'}" + (f" and {args.doc}" if args.doc else ""))
    for r in sorted(rows, key=lambda r: r["val_mae_months"]):
        print(f"  {r['architecture']:<15} val MAE {r['val_mae_months']:6.2f} months  "
              f"{r['parameters']:>11,} parameters  {r['predictor_ms_per_image']:7.2f} ms/film")
    return 0


def _add_finetune(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("finetune", help="adapt a bundle to a small local labelled set")
    p.add_argument("--base", default=None, help="bundle to adapt (default: the bundled model)")
    _add_labelled_set(p, "local labels")
    p.add_argument("--out", required=True, help="folder for the new bundle")
    p.add_argument("--folds", type=int, default=5, help="cross-validation folds")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--json", action="store_true", help="end with one JSON line of the report")


def _cmd_finetune(args: argparse.Namespace) -> int:
    from model.dataset import read_labels
    from model.training.finetune import FinetuneSettings, finetune_bundle

    records = read_labels(args.csv, args.images)
    settings = FinetuneSettings(folds=args.folds, seed=args.seed)
    bundle, report = finetune_bundle(args.base, records, args.out, settings)
    print(f"Cross-validated MAE over {report['folds']} folds (months, mean ± SD):")
    for method, s in report["fold_mae_summary"].items():
        print(f"  {method:<13} {s['mean']:6.2f} ± {s['sd']:.2f}")
    print(f"Kept: {report['chosen']}. Wrote {bundle.directory} ({bundle.label})")
    if args.json:
        print(json.dumps({k: report[k] for k in ("chosen", "folds", "fold_mae_summary")}))
    return 0


def _add_gui(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop window (the default)")
    p.add_argument("--model", default=None, help="bundle folder (default: the bundled model)")
    p.add_argument("--quit-after", type=float, default=None, metavar="SECONDS",
                   help="smoke test: report the start-up time and close after SECONDS")


def _cmd_gui(args: argparse.Namespace) -> int:
    from app.display import display_problem

    problem = display_problem()
    if problem:  # Qt would abort with a hint to reinstall
        raise BoneAgeError(problem)
    try:
        from app.qt.application import run_gui
    except ImportError as exc:
        raise BoneAgeError(f"The window needs PyQt5, which cannot be imported ({exc}): "
                           "run  pip install -e .  and try again.") from None
    return run_gui(bundle_dir=getattr(args, "model", None),
                   quit_after=getattr(args, "quit_after", None))


def _add_self_test(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("self-test", help="load the bundled model and predict a built-in input")
    p.add_argument("--model", default=None, help="bundle folder (default: the bundled model)")
    p.add_argument("--out", default=None, help="also write the JSON result to this file")


def _app_checks() -> dict[str, object]:
    """Parts of the app a frozen build could lose: the reference table and the chart."""
    import io

    from app.growth_chart import growth_chart
    from app.reference import assess

    checks: dict[str, object] = {}
    sds = assess(125.68, 120, "male").sds  # the reference's own worked check: SDS 0
    checks["reference_sds_ok"] = sds is not None and abs(sds) < 1e-9
    buffer = io.BytesIO()
    growth_chart("female", 120.0, 130.0).savefig(buffer, format="png")
    checks["chart_png_bytes"] = len(buffer.getvalue())
    checks["chart_ok"] = len(buffer.getvalue()) > 5000
    return checks


def _cmd_self_test(args: argparse.Namespace) -> int:
    from model.selftest import main_self_test

    return main_self_test(args.out, args.model, _app_checks())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boneage", description="Bone age from a left-hand radiograph (research use only).")
    parser.add_argument("--version", action="version", version=f"boneage {__version__}")
    sub = parser.add_subparsers(dest="command")
    _add_train(sub)
    _add_evaluate(sub)
    _add_predict(sub)
    _add_export(sub)
    _add_ensemble(sub)
    _add_compare(sub)
    _add_finetune(sub)
    _add_gui(sub)
    _add_self_test(sub)
    return parser


COMMANDS = {
    "train": _cmd_train,
    "evaluate": _cmd_evaluate,
    "predict": _cmd_predict,
    "export": _cmd_export,
    "ensemble": _cmd_ensemble,
    "compare": _cmd_compare,
    "finetune": _cmd_finetune,
    "gui": _cmd_gui,
    "self-test": _cmd_self_test,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "gui"
    try:
        return COMMANDS[command](args)
    except MissingExtraError as exc:
        print(f"boneage: {exc}", file=sys.stderr)
        return 2
    except (BoneAgeError, OSError, ValueError) as exc:  # OSError: e.g. an --out file denied
        print(f"boneage: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
