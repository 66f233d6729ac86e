"""Attendance reports as video tools export them, read by attendance.formats.report_read.

The files under tests/fixtures/attendance/ have the real shapes (Zoom with and without
summary, Teams in English and German in UTF-16 with tabs, the older Teams report, plain
tables in Windows code pages); their people are fictitious. No database is needed.
"""

import contextlib
import io
import time
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
import pytest

from attendance.formats import AttendanceRow, ReportUnreadable, report_read
from attendance.formats.values import DateReader, duration_seconds

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def summed(rows: list[AttendanceRow]) -> list[tuple]:
    return [(row.name, row.email, row.minutes, row.role, row.joins) for row in rows]


def refusal(data: bytes, file_name: str = "") -> str:
    with pytest.raises(ReportUnreadable) as caught:
        report_read(data, file_name=file_name)
    return str(caught.value.message)


# Zoom

def test_zoom_with_summary_block_sums_rejoins_and_marks_the_host():
    report = report_read(fixture("zoom_participants_summary.csv"), file_name="p.csv")

    assert report.format == "zoom"
    assert report.meeting_id == "81422976031"
    assert report.started_at == datetime(2021, 6, 15, 9, 55, 3)
    assert summed(report.rows) == [
        ("Maria Lindner", "maria.lindner@textilnetz.example", 98, "organiser", 1),
        ("Lena Krause", "", 91, "", 2),
        ("Jörg Müller", "Joerg.Mueller@Saxtex.example", 90, "", 1),
        ("Ivan Petrov", "IVAN.PETROV@sofiatex.example", 85, "", 2),
        ("Lucía Fernández Ruiz", "", 4, "", 1),
    ]
    lena = report.rows[1]
    assert (lena.first_join, lena.last_leave) == (datetime(2021, 6, 15, 9, 58, 12),
                                                  datetime(2021, 6, 15, 11, 31, 10))
    assert report.warnings == []


def test_zoom_without_summary_leaves_out_the_waiting_room():
    report = report_read(fixture("zoom_participants_2024.csv"))

    assert (report.format, report.meeting_id, report.started_at) == ("zoom", "", None)
    assert summed(report.rows) == [
        ("Giulia Rossi", "giulia.rossi@moda-prato.example", 75, "", 1),
        ("Niccolò Bianchi", "", 67, "", 3),
    ]
    # 12-hour clock and no day above 12: the US order, month first.
    assert report.rows[0].first_join == datetime(2024, 10, 3, 15, 0)


def test_zoom_older_headers_and_a_guest_signing_in_later_is_one_person():
    data = ("Name,User Email,Join Time,Leave Time,Total Duration (Minutes),Guest\n"
            "Sven Olsen,,06/15/2021 10:00:00 AM,06/15/2021 10:30:00 AM,30,Yes\n"
            "Sven Olsen,sven@fjord.example,06/15/2021 10:31:00 AM,06/15/2021 11:00:00 AM,29,No\n")

    report = report_read(data.encode())

    assert report.format == "zoom"
    assert summed(report.rows) == [("Sven Olsen", "sven@fjord.example", 59, "", 2)]


def test_zoom_summary_without_participants_is_refused():
    data = ("Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants\n"
            "814 2297 6031,Cluster,06/15/2021 09:55:03 AM,06/15/2021 11:32:40 AM,"
            "m@example.org,98,5\n")

    assert "only the meeting's summary" in refusal(data.encode())


# Teams

def test_teams_utf16_with_tabs_us_dates_roles_and_joins():
    report = report_read(fixture("teams_attendance_en.csv"))

    assert report.format == "teams"
    assert report.started_at == datetime(2021, 6, 15, 9, 58, 12)
    assert summed(report.rows) == [
        ("Maria Lindner", "maria.lindner@textilnetz.example", 94, "organiser", 1),
        ("Jörg Müller", "joerg.mueller@saxtex.example", 80, "presenter", 2),
        ("Lena Krause", "", 45, "", 1),
        ("Ana Petrova", "ana.petrova@sofiatex.example", 0, "", 1),
    ]
    assert report.rows[1].first_join == datetime(2021, 6, 15, 10, 1)
    assert report.rows[1].last_leave == datetime(2021, 6, 15, 11, 30, 5)


def test_teams_in_german_with_german_dates_and_durations():
    report = report_read(fixture("teams_attendance_de.csv"))

    assert report.format == "teams"
    assert report.started_at == datetime(2021, 6, 15, 9, 58, 12)
    assert summed(report.rows) == [
        ("Maria Lindner", "maria.lindner@textilnetz.example", 94, "organiser", 1),
        ("Jörg Müller", "joerg.mueller@saxtex.example", 80, "presenter", 2),
        ("Björn Weiß", "", 45, "", 1),
    ]


def test_teams_older_report_pairs_joins_and_leaves_with_british_dates():
    report = report_read(fixture("teams_attendance_old.csv"))

    assert report.format == "teams"
    assert report.started_at == datetime(2021, 6, 15, 9, 58, 12)
    assert summed(report.rows) == [
        ("Elena Dimitrova", "", 61, "", 1),
        ("Georgi Ivanov", "", 48, "", 2),
        ("Mehmet Ali", "", 30, "", 1),  # no "Left" line: until the meeting's end
    ]
    assert report.warnings == ["1 person has no “Left” line: counted until the meeting's end."]


def test_teams_utf16_big_endian_and_without_byte_order_mark():
    text = fixture("teams_attendance_en.csv")[2:].decode("utf-16-le")

    for data in (b"\xfe\xff" + text.encode("utf-16-be"), text.encode("utf-16-le"),
                 text.encode("utf-16-be")):
        report = report_read(data)
        assert [row.minutes for row in report.rows] == [94, 80, 45, 0]


def test_teams_activities_only_in_iso_dates_sum_per_person():
    data = ("3. In-Meeting Activities\n"
            "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole\n"
            "Ana Petrova\t2021-06-15 10:00:00\t2021-06-15 10:20:00\t20m\t"
            "ana@sofiatex.example\tAttendee\n"
            "Ana Petrova\t2021-06-15 10:30:00\t2021-06-15 11:02:03\t32m 3s\t"
            "ANA@sofiatex.example\tAttendee\n"
            "Ivo Kolev\t2021-06-15 10:00:00\t2021-06-15 12:00:00\t2h\t\tPresenter\n")

    report = report_read(data.encode("utf-8"))

    assert summed(report.rows) == [("Ana Petrova", "ana@sofiatex.example", 52, "", 2),
                                   ("Ivo Kolev", "", 120, "presenter", 1)]
    assert report.rows[0].last_leave == datetime(2021, 6, 15, 11, 2, 3)


# Plain tables

def test_table_in_windows_1252_with_semicolons_skips_bad_minutes_with_a_warning():
    report = report_read(fixture("table_de_cp1252.csv"))

    assert report.format == "table"
    assert summed(report.rows) == [
        ("Müller, Jörg", "joerg.mueller@saxtex.example", 90, "", 1),
        ("Weiß, Björn", "", 45, "", 1),
        ("Peña, José", "jose.pena@telas.example", 12, "", 1),
    ]
    assert report.warnings == [
        "Rows 5, 6 were left out: their minutes or durations are missing, negative or "
        "not durations."]


def test_table_in_windows_1251_bulgarian_with_durations():
    report = report_read(fixture("table_bg_cp1251.csv"))

    assert summed(report.rows) == [
        ("Иван Петров", "ivan.petrov@sofiatex.example", 62, "", 1),
        ("Мария Георгиева", "", 45, "", 1),
        ("Стоян Илиев", "stoyan@plovdiv.example", 65, "", 1),
    ]


def test_table_utf8_with_tabs_first_and_last_names_and_join_leave_times():
    data = ("Vorname\tNachname\tE-Mail\tBeitritt\tVerlassen\n"
            "Zoë\tSchäfer\tzoe@saxtex.example\t15.06.2021 10:00\t15.06.2021 10:45\n")

    report = report_read(data.encode())

    assert summed(report.rows) == [("Zoë Schäfer", "zoe@saxtex.example", 45, "", 1)]


def test_table_in_every_language_of_the_site():
    for header in ("email,minutes", "E-Mail,Minuten", "correo,minutos",
                   "posta elettronica,minuti", "имейл,минути", "Mail,Duration"):
        report = report_read(f"{header}\nmarta@example.org,31\n".encode())
        assert summed(report.rows) == [("", "marta@example.org", 31, "", 1)], header


def test_xlsx_first_sheet_with_durations_as_times_and_numbers():
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nombre", "Correo electrónico", "Duración"])
    sheet.append(["José Peña", "jose.pena@telas.example", timedelta(hours=1, minutes=2)])
    sheet.append(["Marta Gil", None, 44])
    sheet.append(["Marta Gil", None, 10.5])
    book.create_sheet("Other").append(["ignored"])
    buffer = io.BytesIO()
    book.save(buffer)

    report = report_read(buffer.getvalue(), file_name="asistencia.xlsx")

    assert report.format == "table"
    assert summed(report.rows) == [("José Peña", "jose.pena@telas.example", 62, "", 1),
                                   ("Marta Gil", "", 54, "", 2)]


def test_teams_report_saved_as_xlsx_is_still_teams():
    text = fixture("teams_attendance_en.csv")[2:].decode("utf-16-le")
    book = openpyxl.Workbook()
    for line in text.splitlines():
        book.active.append(line.split("\t"))
    buffer = io.BytesIO()
    book.save(buffer)

    report = report_read(buffer.getvalue())

    assert report.format == "teams"
    assert [row.minutes for row in report.rows] == [94, 80, 45, 0]


# Values

def test_durations_as_reports_write_them():
    cases = {"1h 2m 3s": 3723, "45m 10s": 2710, "32s": 32, "2h": 7200, "1:02:03": 3723,
             "1:02": 3720, "45": 2700, "12,5": 750, "1 hr 2 min": 3720,
             "1 Std. 2 Min. 3 Sek.": 3723, "1 ч 2 мин": 3720, "": None, "abc": None,
             "-5": None, "1h x": None, "5 apples": None}
    assert {value: duration_seconds(value) for value in cases} == cases


def test_day_and_month_order_is_decided_by_the_other_rows():
    british = DateReader(["05/06/2021, 10:00:00", "25/06/2021, 10:00:00"])
    american = DateReader(["05/06/2021 10:00:00 AM", "06/25/2021 10:00:00 AM"])

    assert british.read("05/06/2021, 10:00:00") == datetime(2021, 6, 5, 10, 0)
    assert american.read("05/06/2021 10:00:00 AM") == datetime(2021, 5, 6, 10, 0)
    assert american.read("05/06/2021 12:30:00 AM") == datetime(2021, 5, 6, 0, 30)
    assert DateReader([]).read("15.06.2021 г., 9:58:12 ч.") == datetime(2021, 6, 15, 9, 58,
                                                                        12)
    assert DateReader([]).read("31/02/2021 10:00") is None


# Bad input

def test_empty_files_are_refused():
    for data in (b"", b"  \r\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\xff\xfe\r\x00\n\x00"):
        assert refusal(data) == "This file is empty."


def test_files_above_the_limit_are_refused_with_the_limit():
    data = bytes(range(256)) * (10 * 1024 * 1024 // 256)

    assert refusal(data) == ("This file is larger than 8 MB, far more than an attendance "
                             "report: is it the right file?")


def test_random_bytes_below_the_limit_are_refused_as_binary():
    import random

    data = random.Random(13).randbytes(200_000)

    assert refusal(data).startswith("This file is not a text file")


@pytest.mark.parametrize(("data", "start"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "This is a PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This is an image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "This is an image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", "This is a workbook of the old Excel format"),
    (b"\x1f\x8b\x08\x00", "This is a compressed archive"),
])
def test_other_kinds_of_file_are_refused_by_name(data, start):
    assert refusal(data).startswith(start)


def test_text_without_a_table_is_refused():
    message = refusal(b"Dear organisers,\nthank you for the event!\n")

    assert message.startswith("This file holds no table")


def test_csv_with_wrong_columns_names_what_it_found_and_what_it_needs():
    message = refusal(b"Company,Country,Sector\nSaxtex,DE,Textiles\n")

    assert message == (
        "The columns of this table are not those of an attendance report. It needs a column "
        "with e-mail addresses or names (such as “Email” or “Name”) and one with minutes or "
        "a duration (such as “Minutes” or “Duration”); its first line has: “Company”, "
        "“Country”, “Sector”.")


def test_a_table_whose_every_row_is_unreadable_is_refused():
    message = refusal(b"email,minutes\na@example.org,-3\nb@example.org,soon\n")

    assert message == ("No participant could be read from this report. Rows 2, 3 were "
                       "left out: their minutes or durations are missing, negative or not "
                       "durations.")


def test_broken_utf16_is_refused():
    assert refusal(b"\xff\xfe" + "Name\tEmail".encode("utf-16-le") + b"\x00\xd8") \
        .startswith("This file says it is written in UTF-16-LE but is not")


def _zip(members: dict[str, bytes]) -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _declared_size(archive: bytes, size: int) -> bytes:
    """The archive with its last member declaring `size` bytes in the central directory."""
    import struct

    entry = archive.rindex(b"PK\x01\x02")
    return archive[:entry + 24] + struct.pack("<I", size) + archive[entry + 28:]


def test_xlsx_bomb_is_refused_before_it_is_opened():
    by_ratio = _zip({"xl/workbook.xml": b"<workbook/>",
                     "xl/worksheets/sheet1.xml": b"\x00" * (4 * 1024 * 1024)})
    by_size = _declared_size(_zip({"xl/workbook.xml": b"<workbook/>",
                                   "xl/worksheets/sheet1.xml": b"<worksheet/>"}),
                             3 * 1024 ** 3)

    for data in (by_ratio, by_size):
        assert len(data) < 8 * 1024 * 1024
        assert refusal(data) == ("This Excel workbook unpacks to far more than an "
                                 "attendance report can hold (at most 100 MB): it is refused.")


def test_xlsx_that_is_something_else_is_refused():
    assert refusal(_zip({"word/document.xml": b"<w/>"}), "report.xlsx").startswith(
        "This file is a ZIP archive, not an Excel workbook")
    assert refusal(b"PK\x03\x04" + b"\x00" * 200).startswith(
        "This file looks like an Excel workbook but is damaged")
    assert refusal(_zip({"xl/workbook.xml": b"<workbook><broken"})).startswith(
        "This Excel workbook cannot be read")
    assert refusal(b"Name,Minutes\n", "report.xlsx").startswith(
        "This file is named like an Excel workbook (.xlsx) but is not one")


def test_xlsx_declaring_xml_entities_is_refused():
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;">]><workbook>&lol2;</workbook>')

    assert refusal(_zip({"xl/workbook.xml": laughs})) == (
        "This Excel workbook declares XML entities, which workbooks never need: it is "
        "refused.")


def test_refusals_are_translated():
    from django.utils import translation

    with translation.override("de"):
        message = refusal(b"")
    assert message == "Diese Datei ist leer."


# Speed

def teams_report(people: int) -> bytes:
    lines = ["1. Summary", "Meeting title\tBig", "Start time\t6/15/21, 9:00:00 AM", "",
             "2. Participants",
             "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)"
             "\tRole"]
    for n in range(people):
        lines.append(f"Person {n}\t6/15/21, 9:{n % 60:02d}:00 AM\t6/15/21, 11:00:00 AM\t"
                     f"1h {n % 60}m 3s\tp{n}@example.org\tp{n}@example.org\tAttendee")
    lines += ["", "3. In-Meeting Activities", "Name\tJoin Time\tLeave Time\tDuration\tEmail\tRole"]
    for n in range(people):
        lines.append(f"Person {n}\t6/15/21, 9:{n % 60:02d}:00 AM\t6/15/21, 11:00:00 AM\t"
                     f"1h {n % 60}m 3s\tp{n}@example.org\tAttendee")
    return b"\xff\xfe" + "\r\n".join(lines).encode("utf-16-le")


def test_teams_report_of_5000_people_is_read_quickly():
    data = teams_report(5000)

    started = time.perf_counter()
    report = report_read(data)
    elapsed = time.perf_counter() - started

    assert len(report.rows) == 5000
    assert report.rows[61].minutes == 61
    assert elapsed < 2.5  # about 0.2 s on the project's machines (bench/attendance_formats)


def zoom_report(people: int) -> bytes:
    lines = ["Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
             "814 2297 6031,Big,06/15/2021 09:00:00 AM,06/15/2021 11:00:00 AM,p1@example.org,"
             f"120,{people}", "",
             "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"]
    for n in range(people):
        lines.append(f"P{n} (Person {n}),p{n}@example.org,06/15/2021 09:00:00 AM,"
                     f"06/15/2021 09:30:00 AM,30,No")
        lines.append(f"P{n} (Person {n}),p{n}@example.org,06/15/2021 09:40:00 AM,"
                     f"06/15/2021 10:{n % 60:02d}:00 AM,{20 + n % 60},No")
    return "\r\n".join(lines).encode("utf-8-sig")


def test_zoom_report_of_5000_people_in_10000_rows_is_read_quickly():
    data = zoom_report(5000)

    started = time.perf_counter()
    report = report_read(data)
    elapsed = time.perf_counter() - started

    assert len(report.rows) == 5000
    assert summed(report.rows[:2]) == [("Person 0", "p0@example.org", 50, "", 2),
                                       ("Person 1", "p1@example.org", 51, "organiser", 2)]
    assert elapsed < 2.5  # about 0.1 s on the project's machines (bench/attendance_formats)


def test_zoom_unique_users_export_without_times():
    data = ("Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
            "Lena K (Lena Krause),,91,Yes\nMaria Lindner,maria@textilnetz.example,98,No\n")

    report = report_read(data.encode())

    assert report.format == "zoom"
    assert summed(report.rows) == [("Lena Krause", "", 91, "", 1),
                                   ("Maria Lindner", "maria@textilnetz.example", 98, "", 1)]


def test_teams_meeting_id_from_the_summary():
    data = ("1. Summary\nMeeting title\tCluster\nStart time\t2021-06-15 10:00:00\n"
            "Meeting Id\t19:meeting_NjQ3@thread.v2\n\n2. Participants\n"
            "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRole\n"
            "Ana Petrova\t2021-06-15 10:00:00\t2021-06-15 10:30:00\t30m\t\tAttendee\n")

    report = report_read(data.encode("utf-16"))

    assert (report.meeting_id, report.started_at) == ("19:meeting_NjQ3@thread.v2",
                                                      datetime(2021, 6, 15, 10, 0))
    assert summed(report.rows) == [("Ana Petrova", "", 30, "", 1)]


def test_pathological_files_are_answered_quickly():
    """Long runs of spaces, digits or letters (where a regular expression could backtrack)
    and thousands of section titles (where a reader could copy the file per section)."""
    cell = "a" + " " * 50_000 + "b"
    files = [
        f"Name,Email,Join Time,Leave Time,Minutes\n{cell},x@y.example,{'1' * 50_000},"
        f"1/1/2021{' ' * 50_000}x,{'9' * 50_000}x\n".encode(),
        ("Name,Minutes\n" + "Lena K (" + "(" * 50_000 + "),5\n").encode(),
        "\n".join(f"{n}. Section\nName\tFirst Join\tLast Leave\tIn-Meeting Duration"
                  for n in range(20_000)).encode(),
        "Иван".encode("cp1251") + b"\xe9" + b"x" * 500_000 + b",1\n",
    ]

    for data in files:
        started = time.perf_counter()
        with contextlib.suppress(ReportUnreadable):
            report_read(data)
        assert time.perf_counter() - started < 3


def test_zoom_webinar_report_reads_each_section_by_its_own_columns():
    data = (
        "Attendee Report\nReport Generated:,\"06/16/2021 08:00:00 AM\"\n"
        "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered\n"
        "Smart textiles,912 3456 7890,\"06/15/2021 09:55:03 AM\",98,3\n"
        "Host Details\n"
        "Attended,User Name (Original Name),Email,Join Time,Leave Time,"
        "Time in Session (minutes),Country/Region Name\n"
        "Yes,Maria Lindner,maria@textilnetz.example,06/15/2021 09:55:03 AM,"
        "06/15/2021 11:32:40 AM,98,Germany\n"
        "Attendee Details\n"
        "Attended,First Name,Last Name,Email,Registration Time,Join Time,Leave Time,"
        "Time in Session (minutes),Is Guest,Country/Region Name\n"
        "Yes,Ana,Petrova,ana@sofiatex.example,06/01/2021 10:00:00 AM,"
        "06/15/2021 10:00:00 AM,06/15/2021 10:45:00 AM,45,Yes,Bulgaria\n")

    report = report_read(data.encode())

    assert summed(report.rows) == [("Maria Lindner", "maria@textilnetz.example", 98, "", 1),
                                   ("Ana Petrova", "ana@sofiatex.example", 45, "", 1)]
