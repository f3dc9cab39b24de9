"""The worksheet model: a tree of weighted nodes, questions and computed items, as plain data."""

from pmprb.model.worksheet import (
    AnswerType,
    CombinedNode,
    Computed,
    Condition,
    DecreaseItem,
    ExcelLayout,
    GradeItem,
    GradeLadder,
    GradeStep,
    MeanItem,
    Node,
    Option,
    PredicateRule,
    Question,
    RatioItem,
    Worksheet,
)

__all__ = [
    "AnswerType",
    "CombinedNode",
    "Computed",
    "Condition",
    "DecreaseItem",
    "ExcelLayout",
    "GradeItem",
    "GradeLadder",
    "GradeStep",
    "MeanItem",
    "Node",
    "Option",
    "PredicateRule",
    "Question",
    "RatioItem",
    "Worksheet",
]
