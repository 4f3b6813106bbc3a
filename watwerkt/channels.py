"""How readers reach the editors: the routes mkdocs.yml sets in `extra.aanmelden`, and the
repository in `repo_url`. The submission form, "Klopt er iets niet?" on every record page and
/over/ all ask here which routes exist, so none of them guesses.

- `email`: the editors' general address. On its own it is enough: the form and the correction
  link open the reader's mail program with everything filled in. Nothing to set up elsewhere.
- `github_issues`: where a new issue is opened. When it is not set but `repo_url` is a GitHub
  repository, it is that repository's `/issues/new`: the issue forms in .github/ISSUE_TEMPLATE/
  (generated from the model) receive the prefilled fields.
- `endpoint`: a form service or the organisation's own handler, which receives the YAML.
- `repo_url`: the repository, for the YAML download (a pull request needs one to go to).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping
from urllib.parse import quote, urlencode, urlsplit

# The issue forms, in .github/ISSUE_TEMPLATE/, and the labels they give an issue.
PROJECT_ISSUE_FORM = "project.yml"
CORRECTION_ISSUE_FORM = "correctie.yml"
CORRECTION_LABEL = "correctie"
# The fields of the correction issue form that a link fills in: their ids in the form.
CORRECTION_RECORD_FIELD, CORRECTION_PAGE_FIELD = "record", "pagina"


@dataclass(frozen=True)
class Channels:
    email: str = ""
    github_issues: str = ""
    endpoint: str = ""
    repository: str = ""

    @classmethod
    def from_config(cls, config: Mapping) -> Channels:
        """From a site's configuration (mkdocs.yml with its `!ENV` values filled in); the values
        were checked by `check_site_settings` first."""
        submission = (config.get("extra") or {}).get("aanmelden") or {}
        repository = (config.get("repo_url") or "").strip().rstrip("/")
        issues = (submission.get("github_issues") or "").strip()
        if not issues and _is_github_repository(repository):
            issues = f"{repository}/issues/new"
        return cls(
            email=(submission.get("email") or "").strip(),
            github_issues=issues,
            endpoint=(submission.get("endpoint") or "").strip(),
            repository=repository,
        )

    @property
    def can_send(self) -> bool:
        """Whether a finished submission can reach the editors at all."""
        return bool(self.email or self.github_issues or self.endpoint)

    def submission_settings(self) -> dict[str, str]:
        """`extra.aanmelden` as the form's template and the Content-Security-Policy read it:
        every route that exists, the derived issue address included."""
        return {"email": self.email, "github_issues": self.github_issues, "endpoint": self.endpoint, "repository": self.repository}

    def correction_link(self, *, record_id: str, page_address: str, record_name: str) -> str:
        """Where "Klopt er iets niet?" leads for one record: the correction issue form with the
        record's id and page filled in, else a mail to the editors saying the same; "" when
        neither route exists."""
        if self.github_issues:
            query = {
                "template": CORRECTION_ISSUE_FORM,
                "title": f"Correctie: {record_name}",
                CORRECTION_RECORD_FIELD: record_id,
                CORRECTION_PAGE_FIELD: page_address,
            }
            return f"{self.github_issues}?{urlencode(query, quote_via=quote)}"
        if self.email:
            body = "\n".join([
                f"Pagina: {page_address}",
                f"Record: {record_id}",
                "Welk veld klopt niet (zoals samenvatting of status): ",
                "Wat moet er staan: ",
                "Waar staat dat (het adres van de pagina): ",
            ])
            return f"mailto:{self.email}?{urlencode({'subject': f'Correctie: {record_id}', 'body': body}, quote_via=quote)}"
        return ""


def _is_github_repository(address: str) -> bool:
    parts = urlsplit(address)
    return parts.scheme == "https" and parts.hostname == "github.com" and len([part for part in parts.path.split("/") if part]) == 2
