"""Content-Security-Policy beyond Django's middleware.

`csp_report`: where browsers send violation reports (report-uri); one log line
per report, small bodies only, rate-limited per client address.

`DebugPagePolicyMiddleware`: Django exempts its debug 404/500 pages from the
policy (they use inline style and script). In debug mode those pages still get
the policy, with only inline style and script allowed on top.
"""

import json
import logging

from django.conf import settings
from django.http import HttpResponse
from django.utils.csp import CSP, build_policy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.clientip import client_ip
from core.ratelimits import RateLimited, check_rate

logger = logging.getLogger("sclero_site.csp")

MAX_REPORT_BYTES = 8 * 1024
# The fields worth a line in the log, from both report formats.
_FIELDS = (
    "document-uri",
    "documentURL",
    "violated-directive",
    "effectiveDirective",
    "blocked-uri",
    "blockedURL",
    "source-file",
    "sourceFile",
    "line-number",
    "lineNumber",
)


def _summary(payload) -> dict:
    reports = payload if isinstance(payload, list) else [payload]
    found = {}
    for report in reports[:1]:
        if not isinstance(report, dict):
            continue
        body = report.get("csp-report") or report.get("body") or report
        if isinstance(body, dict):
            for field in _FIELDS:
                if field in body:
                    found[field] = str(body[field])[:300]
    return found


@csrf_exempt
@require_POST
def csp_report(request):
    """Log one CSP violation report; 204 whatever it says, 413/429 when abused."""
    try:
        check_rate("csp-report", None, key=client_ip(request))
    except RateLimited as limited:
        response = HttpResponse(status=429)
        response["Retry-After"] = str(limited.retry_after)
        return response
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return HttpResponse(status=400)
    # json.dumps keeps the line one line whatever the report holds.
    logger.warning("csp-report %s", json.dumps(_summary(payload), sort_keys=True))
    return HttpResponse(status=204)


class DebugPagePolicyMiddleware:
    """Give Django's CSP-exempt debug pages the site policy plus inline style/script."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        exempt = getattr(response, "_csp_config", None) == {}
        if exempt and settings.SECURE_CSP and CSP.HEADER_ENFORCE not in response:
            inline = [CSP.SELF, CSP.UNSAFE_INLINE]
            policy = {**settings.SECURE_CSP, "script-src": inline, "style-src": inline}
            response.headers[str(CSP.HEADER_ENFORCE)] = build_policy(policy)
        return response
