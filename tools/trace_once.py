"""검사에서 케라스가 fit()/evaluate()의 한 단계를 두 번이 아니라 한 번만 추적(trace)하게 합니다.

텐서플로 백엔드의 케라스 3는 분산 전략 없이 fit()을 부르면 옵티마이저와 지표의 변수를 첫 훈련 단계를 추적하는 도중에
만듭니다. `tf.function`은 첫 추적에서 변수가 생기면 그 함수를 한 번 더 추적하므로, 모델마다 훈련 단계(순전파, 역전파,
옵티마이저)를 두 번 추적합니다. 14.6의 34층 잔차 네트워크에서는 첫 fit()이 약 7초 중 절반을 여기에 씁니다.

분산 전략이 있을 때 케라스는 스스로 이 상태를 추적 전에 만듭니다 (`Trainer._symbolic_build`: 배치 모양만으로
모델·손실·지표를 기호로 한 번 통과시키고 옵티마이저를 만듦). `build_state_before_tracing()`은 분산 전략이 없을 때도
케라스의 그 경로를 타게 합니다. 만드는 변수(이름, 모양, 초깃값, 순서)와 실행하는 그래프는 같으므로 결과는 비트 단위로
같고, 추적만 한 번 줄어듭니다. 데이터는 건드리지 않습니다: 배치를 꺼내지 않고 데이터셋의 element_spec(모양과
자료형)만 읽습니다 (배치를 꺼내면 섞는 순서가 바뀔 수 있음). 그 모양을 얻지 못하면 케라스의 원래 동작 그대로 둡니다.

페이지의 코드는 바꾸지 않습니다 (학습자가 코랩에서 실행해도 같은 출력). tests/test_trace_once.py가 이 바꿈이 여전히
필요한지(바꾸지 않으면 두 번 추적하는지), 한 번만 추적하는지, 가중치가 비트 단위로 같은지를 확인합니다.
"""

from __future__ import annotations


def _trainer_class():
    from keras.src.backend.tensorflow import trainer

    cls = trainer.TensorFlowTrainer
    if not (hasattr(cls, "_maybe_symbolic_build") and hasattr(cls, "_symbolic_build")):
        raise RuntimeError(
            "tools/trace_once.py: keras의 TensorFlowTrainer에 _maybe_symbolic_build/_symbolic_build가 없습니다 "
            "— 새 케라스 버전에 맞게 고치거나 지우세요"
        )
    return cls


def _batch_spec(iterator):
    """TFEpochIterator가 도는 데이터셋의 배치 모양 (꺼내지 않고). 알 수 없으면 None."""
    dataset = getattr(iterator, "_distributed_dataset", None)
    return getattr(dataset, "element_spec", None)


def build_state_before_tracing() -> None:
    """TensorFlowTrainer._maybe_symbolic_build를 바꿉니다 (여러 번 불러도 한 번만)."""
    cls = _trainer_class()
    original = cls._maybe_symbolic_build
    if getattr(original, "original", None) is not None:
        return

    def _maybe_symbolic_build(self, iterator=None, data_batch=None):
        if self._distribute_strategy is not None:
            return original(self, iterator=iterator, data_batch=data_batch)
        if data_batch is None and iterator is not None:
            data_batch = _batch_spec(iterator)
        if data_batch is None:
            return None  # 케라스의 원래 동작: 첫 추적에서 만듦
        try:
            return self._symbolic_build(data_batch=data_batch)
        except Exception:  # 기호로 만들지 못하면 원래대로 첫 추적에서 (오류도 학습자가 보는 그대로 그때 납니다)
            return None

    _maybe_symbolic_build.original = original
    cls._maybe_symbolic_build = _maybe_symbolic_build


def keras_original():
    """바꾸기 전의 _maybe_symbolic_build (검사가 원래 동작과 비교할 때)."""
    current = _trainer_class()._maybe_symbolic_build
    return getattr(current, "original", current)
