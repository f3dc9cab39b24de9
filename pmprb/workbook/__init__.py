"""The assessor's workbook (`pmprb template`): an .xlsx generated from a worksheet definition, with
live formulas that follow the engine's arithmetic, and read back by `pmprb.readers.own_workbook`.

`layout` places every node, question and computed item on a row; `formulas` spells the engine's
rules as spreadsheet formulas; `writer.write_workbook` writes the file; `prefill` carries answers
over from an earlier file. What is embedded so a reader can recognise the workbook is named in
`pmprb.readers.workbook_meta`, which both sides import."""
