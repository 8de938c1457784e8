"""Names and prose in the world's scripts print: bundled faces only, no missing glyph, same verdict at validate."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest

from reporter import glyphs
from reporter.render import direction, isolate

from .conftest import run_cli

# One candidate per script family: (file stem, name, a sentence in that script for the story and the notes).
FAMILIES = [
    ("latin", "Nguyễn Thị Đoàn Ŵęłäß", "Dẫn dắt nhóm 12 kỹ sư; phí ₫ 5 000 ‰ № ℃ → ≤ ∑ ₹ ₩ ₪ ₺ ₴ ₦."),
    ("greek", "Ἀλέξανδρος Παπαδόπουλος", "Ἡ ὁμάδα ἔφτασε τὸν στόχο."),
    ("cyrillic", "Олена Коваленко", "Команда з дванадцяти інженерів."),
    ("armenian", "Արամ Հովհաննիսյան", "Թիմը հասավ նպատակին։"),
    ("georgian", "ნინო ბერიძე", "გუნდმა მიზანს მიაღწია."),
    ("hebrew", "נועה כהן", "הצוות הגיע ליעד, 12 מהנדסים."),
    ("arabic", "محمد عبد الله", "وصل الفريق إلى الهدف؛ پژوهش و اردو ٹیم."),
    ("devanagari", "अनन्या शर्मा", "टीम ने लक्ष्य हासिल किया।"),
    ("bengali", "অনিক রায়", "দল লক্ষ্যে পৌঁছেছে।"),
    ("gurmukhi", "ਹਰਪ੍ਰੀਤ ਸਿੰਘ", "ਟੀਮ ਨੇ ਟੀਚਾ ਪੂਰਾ ਕੀਤਾ।"),
    ("gujarati", "દેવાંગ પટેલ", "ટીમે લક્ષ્ય હાંસલ કર્યું."),
    ("tamil", "கார்த்திக் சுப்பிரமணியம்", "குழு இலக்கை அடைந்தது."),
    ("telugu", "శ్రీనివాస్ రెడ్డి", "బృందం లక్ష్యాన్ని చేరుకుంది."),
    ("kannada", "ಅನಿಲ್ ಕುಮಾರ್", "ತಂಡ ಗುರಿ ತಲುಪಿತು."),
    ("malayalam", "അനു മേനോൻ", "ടീം ലക്ഷ്യം നേടി."),
    ("sinhala", "නිමල් පෙරේරා", "කණ්ඩායම ඉලක්කය කරා ළඟා විය."),
    ("thai", "สมชาย ใจดี", "ทีมบรรลุเป้าหมาย"),
    ("lao", "ສົມສັກ ວົງສາ", "ທີມບັນລຸເປົ້າໝາຍ"),
    ("khmer", "សុខ ចាន់", "ក្រុមបានសម្រេចគោលដៅ"),
    ("ethiopic", "አበበ ከበደ", "ቡድኑ ግቡን አሳካ።"),
    ("hangul", "김민준", "팀이 목표를 달성했습니다."),
    ("japanese", "さくら・タナカ 田中", "チームは目標を達成しました。"),
    ("han-simplified", "王小明", "团队实现了目标。"),
    ("han-traditional", "陳美麗", "團隊實現了目標。"),
]
# A handful of candidates mixing several scripts: these get every document kind.
MIXED = [
    ("mixed-rtl", "נועה כהן · محمد", "الفريق 12 · הצוות 12 · Ἀθηνᾶ · 王小明 · 김민준"),
    ("mixed-indic", "अनन्या 김 陳", "टीम ने · কার্যকর · ਟੀਮ · தமிழ் · ไทย · ខ្មែរ · አማርኛ · ‰ № ℃"),
]

TEMPLATE = """\
candidate:
  name: "{name}"
  target_level: L6
  interview_date: 2026-12-22
  plan_start: 2026-12-01
  hours_per_week: 10
stories:
  - title: "{name}"
    principles: [Ownership]
    situation: "{prose}"
    result: "{prose}"
notes: |
  {prose}
"""


def _write(folder: Path, stem: str, name: str, prose: str) -> Path:
    path = folder / f"{stem}.yaml"
    path.write_text(TEMPLATE.format(name=name, prose=prose), encoding="utf-8")
    return path


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout


def _fonts(pdf: Path) -> set[str]:
    lines = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout.splitlines()
    return {line.split()[0].split("+", 1)[-1] for line in lines[2:]}


BUNDLED = {re.sub(r"[^A-Za-z0-9]", "", family) for family in glyphs.bundled().families}


def _bundled_face(font: str) -> bool:
    family = re.sub(r"[^A-Za-z0-9]", "", re.sub(r"-(Bold|Italic|Regular|BoldItalic)$", "", font.rstrip(",")))
    return family in BUNDLED or family.replace("Noto", "NotoSans", 0) in BUNDLED


def _letters(text: str) -> str:
    """The base letters of a text, in order: what a text layer gives back whatever the shaping did."""
    return "".join(c for c in unicodedata.normalize("NFC", text) if unicodedata.category(c).startswith("L"))


def _found(name: str, text: str) -> bool:
    letters, page = _letters(name), _letters(text)
    return letters in page or letters[::-1] in page or all(c in page for c in letters)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scripts")
    families = folder / "families"
    mixed = folder / "mixed"
    families.mkdir()
    mixed.mkdir()
    for stem, name, prose in FAMILIES:
        _write(families, stem, name, prose)
    for stem, name, prose in MIXED:
        _write(mixed, stem, name, prose)
    out = folder / "out"
    assert run_cli("validate", *map(str, sorted(families.glob("*.yaml")) + sorted(mixed.glob("*.yaml")))) == 0
    assert run_cli("build", str(families), "-o", str(out), "--formats", "sheet", "-j", "1", "-q") == 0
    assert run_cli("build", str(mixed), "-o", str(out), "--formats", "plan,sheet,slides", "-j", "1", "-q") == 0
    return out


@pytest.mark.parametrize("stem,name,prose", FAMILIES, ids=[f[0] for f in FAMILIES])
def test_each_script_family_prints_its_name_with_bundled_faces_only(built, stem, name, prose):
    sheet = built / stem / "comparison.pdf"
    assert _found(name, _text(sheet)), f"{name} not in the text layer of {sheet.name}"
    fonts = _fonts(sheet)
    assert all(_bundled_face(font) for font in fonts), fonts


@pytest.mark.parametrize("stem,name,prose", MIXED, ids=[m[0] for m in MIXED])
@pytest.mark.parametrize("filename", ["prep-plan.pdf", "comparison.pdf", "slides.pdf"])
def test_mixed_scripts_print_in_every_document(built, stem, name, prose, filename):
    pdf = built / stem / filename
    text = _text(pdf)
    assert _found(name, text)
    if filename == "prep-plan.pdf":
        assert _found(prose, text)  # the notes and the story
    assert all(_bundled_face(font) for font in _fonts(pdf)), _fonts(pdf)


def test_a_latin_document_loads_no_script_face():
    assert glyphs.faces_needed("Ana Lee — “quoted” · 12 % → done ✓") == ()
    assert glyphs.faces_needed("Ana 王") == ("Noto Sans CJK SC",)
    assert glyphs.faces_needed("محمد") == ("Noto Sans Arabic",)


def test_a_skin_tone_falls_back_to_the_one_tone_emoji():
    from reporter.render import printable

    assert printable("<p>👋🏽 and 👩‍👩‍👧 and 🇫🇷 and 1️⃣</p>") == "<p>👋 and 👩‍👩‍👧 and 🇫🇷 and 1️⃣</p>"


def test_direction_follows_the_first_strong_character():
    assert direction("محمد (2024)") == "rtl"
    assert direction("(2024) נועה") == "rtl"
    assert direction("Ana محمد") == "ltr"
    assert str(isolate("נועה <Co>")) == '<bdi dir="rtl">נועה &lt;Co&gt;</bdi>'


HIEROGLYPH_ERRORS = [f"{{file}}:{where}: character U+13000 (EGYPTIAN HIEROGLYPH A001) cannot be printed by any "
                     "bundled font" for where in ("2:14: candidate.name", "8:17: stories[0].title")]


def test_a_character_outside_every_font_gets_one_located_error_at_validate_and_build(tmp_path, capsys):
    path = tmp_path / "hieroglyph.yaml"
    path.write_text(TEMPLATE.format(name="Ana 𓀀 Lee", prose="fine"), encoding="utf-8")
    expected = [line.format(file=path) for line in HIEROGLYPH_ERRORS]
    assert run_cli("validate", str(path)) == 1
    assert capsys.readouterr().err.splitlines() == expected
    out = tmp_path / "out"
    assert run_cli("build", str(path), "-o", str(out), "--formats", "plan,sheet", "-j", "1") != 0
    captured = capsys.readouterr()
    printed = (captured.out + captured.err).splitlines()
    assert all(printed.count(line) == 1 for line in expected), printed
    assert not list(out.glob("**/*.pdf"))


def test_a_comment_is_not_checked(tmp_path, capsys):
    path = tmp_path / "commented.yaml"
    path.write_text("# 𓀀 a comment\n" + TEMPLATE.format(name="Ana Lee", prose="fine"), encoding="utf-8")
    assert run_cli("validate", str(path)) == 0


def test_reading_a_theme_fonts_code_points_leaves_its_file_closed():
    import os

    from reporter import config

    font = config.THEMES_DIR / "vivid" / "fonts" / "space-grotesk-700-normal.woff2"
    open_before = set(os.listdir("/proc/self/fd"))
    points = glyphs.font_file_points.__wrapped__(font)  # uncached: this call reads the file
    assert ord("A") in points and ord("Ж") not in points
    assert set(os.listdir("/proc/self/fd")) <= open_before  # not left for the collector to close
