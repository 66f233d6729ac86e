"""Whatever a file holds, report_read answers with a report or ReportUnreadable, never
another exception (property tests with hypothesis; no database)."""

import io

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from attendance.formats import AttendanceReport, ReportUnreadable, report_read

HEADERS = [
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest",
    "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
    "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole",
    "2. Participants", "3. In-Meeting Activities", "1. Summary", "Meeting Summary",
    "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole",
    "Full Name\tUser Action\tTimestamp", "email;minutes", "Name,Dauer", "",
]
CELLS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["6/15/21, 9:58:12 AM", "15.06.21, 09:58:12", "2021-06-15 09:58:12",
                     "13/13/2021, 25:61:00", "1h 2m 3s", "-5", "0", "99999999999999",
                     "Joined", "Left", "Organizer", "a@b.example", "A@B.EXAMPLE", "1:02",
                     "9" * 400, "nan", "inf", "1e308", "²", "٣", "Yes"]),
)
LINES = st.lists(st.lists(CELLS, max_size=8), max_size=25)


def answers(data: bytes, file_name: str = "") -> None:
    try:
        report = report_read(data, file_name=file_name)
    except ReportUnreadable as refused:
        assert str(refused.message)
    else:
        assert isinstance(report, AttendanceReport) and report.rows
        assert all(row.minutes >= 0 and row.joins >= 1 for row in report.rows)


FUZZ = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=5000))
def test_random_bytes_never_raise_anything_else(data):
    answers(data)


@FUZZ
@given(st.text(max_size=3000), st.sampled_from(["utf-8", "utf-16", "utf-16-be",
                                                  "utf-8-sig"]))
def test_random_text_never_raises_anything_else(text, encoding):
    answers(text.encode(encoding, errors="surrogatepass"))


@FUZZ
@given(st.sampled_from(HEADERS), LINES, st.sampled_from([",", "\t", ";"]),
       st.sampled_from(["utf-8", "utf-16", "cp1252"]))
def test_tables_of_random_cells_under_real_headers_never_raise_anything_else(
        header, lines, delimiter, encoding):
    body = "\n".join(delimiter.join(cell.replace("\n", " ") for cell in line)
                     for line in lines)
    text = header.replace("\t", delimiter).replace(",", delimiter) + "\n" + body
    answers(text.encode(encoding, errors="replace"))


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["Name", "Email", "Minutes"])
    book.active.append(["Ana Petrova", "ana@example.org", 45])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)),
                min_size=1, max_size=8))
def test_damaged_workbooks_never_raise_anything_else(changes):
    data = bytearray(WORKBOOK)
    for position, value in changes:
        data[position] = value
    answers(bytes(data), "report.xlsx")
