"""tools/trace_once.py: 체인을 돌릴 때 케라스가 fit()의 훈련 단계를 한 번만 추적하게 한 바꿈이 여전히 필요하고,
결과를 비트 하나도 바꾸지 않는지 봅니다 (원래 동작과 같은 작은 모델을 나란히 훈련해 비교)."""

import numpy as np
import pytest

import trace_once


@pytest.fixture
def tf():
    import tensorflow as tf

    tf.config.experimental.enable_op_determinism()
    trace_once.build_state_before_tracing()
    return tf


def _train(tf, dataset_input: bool):
    """작은 CNN(배치 정규화, 드롭아웃, Adam, 정확도 지표)을 2 에포크 훈련하고 평가합니다.
    돌려주는 값: (가중치, history, 평가 결과, train_step을 추적한 횟수)."""
    traces = []

    class Counting(tf.keras.Model):
        def train_step(self, data):
            traces.append(1)  # 파이썬 코드는 추적할 때만 실행됩니다
            return super().train_step(data)

    tf.keras.backend.clear_session()
    tf.keras.utils.set_random_seed(7)
    rng = np.random.default_rng(0)
    X, y = rng.random((96, 8, 8, 1), dtype=np.float32), rng.integers(0, 3, 96)
    inputs = tf.keras.Input(shape=(8, 8, 1))
    x = tf.keras.layers.Conv2D(4, 3, padding="same", use_bias=False)(inputs)
    x = tf.keras.layers.BatchNormalization()(x)
    x = tf.keras.layers.Dropout(0.3)(tf.keras.layers.GlobalAveragePooling2D()(x))
    model = Counting(inputs, tf.keras.layers.Dense(3, activation="softmax")(x))
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    if dataset_input:  # 에포크마다 다시 섞는 tf.data: 배치를 하나라도 미리 꺼내면 순서가 바뀝니다
        data = tf.data.Dataset.from_tensor_slices((X, y)).shuffle(96, seed=3).batch(16)
        history = model.fit(data, epochs=2, validation_data=data.take(2), shuffle=False, verbose=0)
    else:
        history = model.fit(X, y, epochs=2, batch_size=16, validation_split=0.25, verbose=0)
    scores = model.evaluate(X[:32], y[:32], verbose=0)
    return model.get_weights(), history.history, scores, len(traces)


@pytest.mark.parametrize("dataset_input", [False, True], ids=["numpy", "tf.data"])
def test_change_traces_the_training_step_once_with_bit_identical_results(tf, monkeypatch, dataset_input):
    """바꿈이 있으면 train_step을 한 번, 케라스 원래대로는 두 번 추적하고(바꿈이 여전히 필요), 가중치·history·평가는
    비트 단위로 같습니다."""
    weights, history, scores, train_traces = _train(tf, dataset_input)
    from keras.src.backend.tensorflow import trainer

    monkeypatch.setattr(trainer.TensorFlowTrainer, "_maybe_symbolic_build", trace_once.keras_original())
    weights0, history0, scores0, train_traces0 = _train(tf, dataset_input)
    assert (train_traces, train_traces0) == (1, 2)
    assert history == history0 and scores == scores0
    assert all(np.array_equal(a, b) for a, b in zip(weights, weights0, strict=True))
