"""pmprb: self-assessment worksheets (PMPRB, Zona Integritas) as data, scored exactly."""

__version__ = "0.1.0"
