"""Small valid inputs that tests start from and then break or stretch."""

# A theme.yaml with every required field and nothing else: tests add to it or replace a line.
GOOD_THEME = """\
name: Coach
colours:
  primary: "#123456"
  accent: "#abcdef"
  text: "#111111"
  muted: "#666666"
  background: "#ffffff"
fonts:
  heading: Inter
  body: Inter
"""
