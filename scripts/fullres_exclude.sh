# Sourced by the training scripts: sets the array `exclude` to `--exclude LIST` naming every
# shared full-resolution label file present (32 raw, 40 background-removed films), so that
# those patients stay out of training and validation and measure what a clinician's film gets.
ids=""
for f in ../shared/data/rsna-fullres-samples/labels.csv ../shared/data/rsna-fullres-raw/labels.csv; do
  [ -f "$f" ] && ids="${ids:+$ids,}$f"
done
exclude=()
if [ -n "$ids" ]; then exclude=(--exclude "$ids"); fi
