"""Evidence detectors over a call's event log, registered by name (see :mod:`.registry`)."""

from simulator.assessment.detectors.registry import REGISTRY, Detector, all_detectors, detector, get_detector

__all__ = ["REGISTRY", "Detector", "all_detectors", "detector", "get_detector"]
