"""core.widgets.LongSelect renders what Django's Select renders, without a template per option."""

import pytest
from django import forms
from django.test.html import parse_html

from core.widgets import LongSelect

CHOICES = [("", "Choose a country"), ("AT", "Austria"), ("BA", "Bosnia & Herzegovina"),
           ("XS", 'A "quoted" <name>'), (7, "Seven")]


@pytest.mark.parametrize("value", [None, "", "AT", "XS", "7", 7, "unknown"])
@pytest.mark.parametrize("attrs", [None, {"id": "id_country", "required": True,
                                          "aria-invalid": "true", "disabled": False}])
def test_long_select_renders_like_select(value, attrs):
    ours = LongSelect(choices=CHOICES).render("country", value, attrs=attrs)
    django = forms.Select(choices=CHOICES).render("country", value, attrs=attrs)

    assert parse_html(ours) == parse_html(django)


def test_long_select_refuses_grouped_choices():
    with pytest.raises(TypeError):
        LongSelect(choices=[("Europe", [("AT", "Austria")])]).render("country", "AT")
