"""Security: injection strings are literal text, bad parameters are 422, ids and static paths hold no path,
ingest is off without a token and compares tokens in constant time, pages forbid inline script."""

from __future__ import annotations

import hmac

import pytest
from fastapi.testclient import TestClient

from sitrep.serve import deps

TOKEN = "s3cret-token-for-tests"  # the token_client fixture's
INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE incidents; --", '" OR 1=1 --', "%", "_", "\\", "omar%' --",
              "1) UNION SELECT id, record FROM incidents --"]
TEXT_PARAMS = ["site", "actor", "admin1", "q"]


@pytest.mark.parametrize("param", TEXT_PARAMS)
@pytest.mark.parametrize("value", INJECTIONS)
def test_sql_injection_is_literal_filter_text(client: TestClient, param: str, value: str) -> None:
    response = client.get("/api/incidents", params={param: value})
    assert response.status_code == 200
    assert response.json()["total"] == 0  # no incident holds the literal string
    assert client.get("/api/incidents").json()["total"] == 6  # and nothing was dropped


@pytest.mark.parametrize("q", ['"', 'tanf"', "tanf*", "NEAR(tanf omar)", "tanf OR omar", "tanf | omar", "tanf & omar",
                               "!tanf", "^tanf", "tanf -omar", "tanf:*", "body:tanf", "(tanf", "{tanf}", "'tanf'"])
def test_full_text_syntax_in_free_text_is_literal(client: TestClient, q: str) -> None:
    response = client.get("/api/incidents", params={"q": q})
    assert response.status_code == 200
    assert response.json()["total"] == 0  # no operator applied: no incident holds these characters as typed


@pytest.mark.parametrize(
    "params",
    [
        {"country": "SYR"}, {"country": "S'"}, {"country": "' OR 1=1"},
        {"since": "yesterday"}, {"until": "2024-13-01"}, {"since": "-1.8e-206"}, {"until": "1706227200"}, {"since": "2024-01-01' OR '1'='1"},
        {"weapon": "laser"}, {"event_kind": "picnic"}, {"status": "' OR 1=1 --"},
        {"sort": "date; DROP TABLE incidents"}, {"sort": "record"},
        {"limit": "0"}, {"limit": "100000"}, {"offset": "-1"}, {"limit": "1 OR 1=1"},
        {"bbox": "1,2,3"}, {"bbox": "181,30,38,36"}, {"bbox": "0,0,0,91"}, {"bbox": "0,-90.5,1,1"}, {"bbox": "a,b,c,d"},
        {"site": "x" * 201}, {"q": "omar\x00"}, {"actor": "line\nbreak"},
    ],
)
def test_bad_parameters_are_422(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/api/incidents", params=params).status_code == 422


@pytest.mark.parametrize("path", ["/api/stats?interval=month", "/api/stats?by=record",
                                  "/api/export?format=xlsx", "/api/export?format=../../etc/passwd"])
def test_bad_parameters_of_other_routes_are_422(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 422


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/../../etc/passwd", "/api/documents/%2e%2e",
        "/api/documents/..", "/api/incidents/..%2Fincidents", "/api/incidents/x%00y", "/api/documents/a%5Cb",
        "/static/../pyproject.toml", "/static/..%2F..%2Fsettings.py", "/static/%2e%2e/app.py",
        "/static/vendor/../../app.py",
    ],
)
def test_path_traversal_is_rejected(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (404, 422)
    assert "import" not in response.text and "root:" not in response.text


def test_ingest_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/api/documents", json={"id": "x", "text": "Une roquette a visé Conoco."},
                           headers={"Authorization": "Bearer anything"})
    assert response.status_code == 404
    assert "SITREP_API_TOKEN" in response.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", f"Basic {TOKEN}", f"Bearer {TOKEN}x", "Bearer ",
                                    "Bearer tökén".encode()])
def test_ingest_needs_the_right_token(token_client: TestClient, header: str | bytes | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = token_client.post("/api/documents", json={"id": "x", "text": "Une roquette a visé Conoco."},
                                 headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert TOKEN not in response.text


def test_token_is_compared_in_constant_time(token_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    compare_digest = hmac.compare_digest

    def spy(given: bytes, expected: bytes) -> bool:
        calls.append((given, expected))
        return compare_digest(given, expected)

    monkeypatch.setattr(deps.hmac, "compare_digest", spy)
    token_client.post("/api/documents", json={"id": "x", "text": "t"}, headers={"Authorization": "Bearer wrong"})
    assert calls == [(b"wrong", TOKEN.encode())]


def test_settings_never_echo_the_token() -> None:
    from sitrep.settings import Settings

    assert TOKEN not in repr(Settings(api_token=TOKEN))


def test_ingest_with_the_token_stores_and_consolidates(token_client: TestClient) -> None:
    text = ("Une attaque de drone a visé samedi la base américaine de Tanf, en Syrie, selon des médias "
            "arabes. La Résistance islamique en Irak a revendiqué l'attaque.")
    response = token_client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                                 json={"id": "fr_test_20240210_tanf", "text": text, "published": "2024-02-10",
                                       "outlet": "Test"})
    assert response.status_code == 201, response.text
    result = response.json()
    assert result["stored"] is True and result["events"] >= 1
    again = token_client.post("/api/documents", headers={"Authorization": f"Bearer {TOKEN}"},
                              json={"id": "fr_test_20240210_tanf", "text": text, "published": "2024-02-10"})
    assert again.json()["stored"] is False
    assert token_client.get("/api/documents/fr_test_20240210_tanf").json()["text"] == text


@pytest.mark.parametrize("body", [{"id": "../etc/passwd", "text": "x"}, {"id": "ok", "text": ""}, {"text": "x"},
                                  {"id": "ok", "text": "x", "published": "soon"}])
def test_ingest_rejects_bad_bodies(token_client: TestClient, body: dict[str, str]) -> None:
    response = token_client.post("/api/documents", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 422


def test_pages_forbid_inline_script(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src" not in policy  # scripts fall back to 'self' only
    assert response.headers["x-content-type-options"] == "nosniff"


def test_document_text_is_served_as_json_not_markup(client: TestClient) -> None:
    response = client.get("/api/documents/en_test_20240126_tanf_script")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["text"].startswith("<script>")
