"""The shared phone-login vectors (tests/vectors/phone_inputs.json): phone numbers as people
type them, and binding messages, through the same core as every other language."""

from typing import Any
import json
from pathlib import Path

import pytest
import vipps_auth

VECTORS = json.loads((Path(__file__).resolve().parents[3] / "tests" / "vectors" / "phone_inputs.json").read_text())


@pytest.mark.parametrize("case", VECTORS["phone_numbers"], ids=lambda case: repr(case["input"]))
def test_phone_numbers(case: dict[str, Any]) -> None:
    if "error" in case:
        with pytest.raises(vipps_auth.Configuration) as error:
            vipps_auth.PhoneNumber.parse(case["input"])
        assert error.value.code == 1
        assert case["reason_contains"] in error.value.detail
        digits = "".join(c for c in case["input"] if c.isdigit())
        assert len(digits) < 4 or digits[1:] not in str(error.value), "the number leaks"
        return
    number = vipps_auth.PhoneNumber.parse(case["input"])
    assert number.login_hint == case["login_hint"]
    assert number.masked == case["masked"]
    assert str(number) == case["masked"], "a phone number prints masked"


@pytest.mark.parametrize("case", VECTORS["binding_messages"], ids=lambda case: repr(case["input"]))
def test_binding_messages(case: dict[str, Any]) -> None:
    if case["ok"]:
        vipps_auth.check_binding_message(case["input"])
    else:
        with pytest.raises(vipps_auth.Configuration):
            vipps_auth.check_binding_message(case["input"])


def test_a_generated_binding_message_is_valid() -> None:
    message = vipps_auth.generate_binding_message()
    vipps_auth.check_binding_message(message)
    assert message != vipps_auth.generate_binding_message()
