"""Everything that needs TensorFlow: networks, input pipelines, training runs, ONNX export,
architecture comparison and local fine-tuning.

Kept in one subpackage so that the runtime (the predictor, the app, the frozen exe) visibly
stays TensorFlow-free: nothing outside ``model.training`` imports TensorFlow or Keras, and a
test fails if anything does. Install the ``train`` extra to use it.
"""
