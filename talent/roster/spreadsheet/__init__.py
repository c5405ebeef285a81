"""Reading and checking a roster file (CSV or XLSX) into person rows and issues; the template.

Nothing here touches the database. ``read_table`` turns the bytes of a file into cells
under known columns; ``check_roster`` turns those cells into typed person fields, against
a directory of units and the people already on the roster, with the same schemas the API
uses (``PersonCreate`` for a new staff_no, ``PersonUpdate`` for a known one);
``template`` writes the blank file a planner fills in. ``talent.roster.importing``
applies the checked rows.

The modules, one job each: ``columns`` (the columns and header matching), ``messages``
(the Chinese and English words, ``Issue``), ``reading`` (bytes to a ``RosterTable``),
``cells`` (parsing one cell), ``units`` (resolving a unit cell), ``checking`` (rows to
``RosterCheck``) and ``template_file`` (the blank template). Import from the package;
the modules are for reading the code and for tests that need a module's own names.

Notes
-----
- Row numbers are the ones a spreadsheet shows: the header is row 1 (or the row where the
  header was found below a title line), the first data row the next one; blank rows are
  skipped but still counted.
- Upsert by staff_no. A blank cell, or a column the file does not have, leaves the stored
  value as it is (for a new person: the default), so a file with only 工号 and 带教名额
  updates capacities and nothing else. A new person needs 姓名, 单位 and 层级.
- Unknown columns are not errors: each is reported once as a warning and ignored. Known
  "row number" columns (序号, No.) are ignored silently.
- A file that cannot be read as a table at all (empty, not CSV/XLSX, undecodable, no
  header row with a 工号 column) raises ``UnreadableRoster``; everything else becomes an
  ``Issue`` with row, field and a message in Chinese or English.
"""

from talent.roster.spreadsheet.cells import (
    PARSERS,
    Cell,
    CellError,
    cell_text,
    is_blank,
    parse_date,
    parse_name,
    parse_staff_no,
    parse_whole,
)
from talent.roster.spreadsheet.checking import (
    KnownPerson,
    ProgressCallback,
    RosterCheck,
    RosterRow,
    check_roster,
)
from talent.roster.spreadsheet.columns import COLUMNS, HEADER_ALIASES, Column, header_key
from talent.roster.spreadsheet.messages import Issue, label, message
from talent.roster.spreadsheet.reading import (
    MAX_FILE_BYTES,
    RosterTable,
    UnreadableRoster,
    read_table,
)
from talent.roster.spreadsheet.template_file import (
    TEMPLATE_MEDIA_TYPES,
    template,
    template_file_name,
    template_headers,
)
from talent.roster.spreadsheet.units import UnitDirectory, UnitRecord

__all__ = [
    "COLUMNS",
    "HEADER_ALIASES",
    "MAX_FILE_BYTES",
    "PARSERS",
    "TEMPLATE_MEDIA_TYPES",
    "Cell",
    "CellError",
    "Column",
    "Issue",
    "KnownPerson",
    "ProgressCallback",
    "RosterCheck",
    "RosterRow",
    "RosterTable",
    "UnitDirectory",
    "UnitRecord",
    "UnreadableRoster",
    "cell_text",
    "check_roster",
    "header_key",
    "is_blank",
    "label",
    "message",
    "parse_date",
    "parse_name",
    "parse_staff_no",
    "parse_whole",
    "read_table",
    "template",
    "template_file_name",
    "template_headers",
]
