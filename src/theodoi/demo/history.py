"""The demo's reporting history: two past rounds and the current one, reported by the demo
reporters and reviewed by the demo coordinator through the real services, at the times they
would have acted (time is a parameter), so every page has something true to show.

Everything it writes is marked as illustration (:data:`MARK`): the rounds' titles, the reports'
texts, the figures' notes and the evidence files. Choices are drawn from a hash of the task,
agency and round, never from a random generator, so the history is the same on every machine.
A plan that already has a marked round is left alone: running the demo again changes nothing.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict, cast

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw, ImageFont

from theodoi.evaluation import Due, EvaluationInputError, due_date
from theodoi.ingest.plan import DueKind
from theodoi.ingest.schedule import Schedule
from theodoi.orgs.models import Organisation
from theodoi.plans.models import Indicator, IndicatorAgency, Plan, Task, TaskAgency
from theodoi.reporting.errors import ReportingError
from theodoi.reporting.evidence import attach_evidence
from theodoi.reporting.fields import UpdateContent
from theodoi.reporting.models import (
    IndicatorValue,
    ReportingRound,
    ReportingSchedule,
    TaskUpdate,
)
from theodoi.reporting.review import bulk_accept, return_update
from theodoi.reporting.rounds import close_round, lock_due_rounds, open_round
from theodoi.reporting.schedule import propose_round
from theodoi.reporting.updates import save_draft, submit_update
from theodoi.reporting.values import record_indicator_value
from theodoi.users import User

MARK = "MINH HỌA"
# When a plan states no schedule: the half-years most seed plans use.
HALF_YEARS = Schedule(dates=((1, 6), (1, 12)), text="Trước ngày 01/6 và 01/12 hằng năm")
ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
ONE_DAY = datetime.timedelta(days=1)
# Enough of an agency's tasks reported to show every case, few enough to load in seconds.
TASKS_PER_AGENCY = 24

RESULTS = (
    "Đã ban hành văn bản hướng dẫn triển khai và phân công đầu mối theo dõi.",
    "Đã tổ chức hội nghị quán triệt; 100% cơ quan, đơn vị liên quan tham dự.",
    "Đã hoàn thành dự thảo, đang lấy ý kiến các sở, ngành và địa phương.",
    "Đã đưa hệ thống vào vận hành thử nghiệm tại 05 đơn vị.",
    "Đã khảo sát hiện trạng và xây dựng phương án triển khai chi tiết.",
)
DIFFICULTIES = (
    "Kinh phí được bố trí chậm so với kế hoạch.",
    "Thiếu nhân lực có chuyên môn về công nghệ thông tin.",
    "",
    "Chờ hướng dẫn của bộ, ngành Trung ương.",
)
PROPOSALS = (
    "Đề nghị Sở Tài chính sớm thẩm định và bố trí kinh phí.",
    "",
    "Đề nghị tổ chức tập huấn chuyên sâu cho cán bộ đầu mối.",
)
RETURN_REASONS = (
    "Đề nghị bổ sung kết quả cụ thể (số liệu, văn bản đã ban hành) trong kỳ.",
    "Tiến độ báo cáo chưa khớp với kết quả nêu; đề nghị rà soát lại.",
)


@dataclass(frozen=True)
class DemoHistory:
    rounds: int
    updates: int
    figures: int


def _pick(*parts: object) -> float:
    """A number in [0, 1) fixed by ``parts`` (codes and dates, never database ids, which differ
    between databases): the same choice on every run, machine and database."""
    digest = hashlib.sha256(":".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") / 2**32


def _choose(options: tuple[str, ...], *parts: object) -> str:
    return options[int(_pick(*parts) * len(options))]


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), ZONE)


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


def evidence_pdf(task: Task, organisation: Organisation, round_: ReportingRound) -> bytes:
    """A one-page PDF standing for the minutes an agency would attach, marked as illustration."""
    page = Image.new("RGB", (1240, 1754), "white")
    draw = ImageDraw.Draw(page)
    lines = [
        (f"TÀI LIỆU {MARK} - KHÔNG CÓ GIÁ TRỊ PHÁP LÝ", 40),
        ("BIÊN BẢN KẾT QUẢ THỰC HIỆN NHIỆM VỤ", 44),
        (f"Nhiệm vụ {task.code}", 32),
        (organisation.name, 32),
        (round_.title, 28),
    ]
    y = 160
    for text, size in lines:
        draw.text((100, y), text, fill="black", font=_font(size))
        y += size * 2
    out = io.BytesIO()
    page.save(out, format="PDF", resolution=150)
    return out.getvalue()


@dataclass(frozen=True)
class _Round:
    round: ReportingRound
    submitted: datetime.datetime  # first submissions
    reviewed: datetime.datetime  # returns with a reason
    resubmitted: datetime.datetime
    accepted: datetime.datetime  # after the deadline, as offices review

    @property
    def known_on(self) -> datetime.date:
        """The last day an agency's report can speak of: the day before it is sent."""
        return min(self.round.cut_off, self.submitted.astimezone(ZONE).date()) - ONE_DAY


def _rounds(plan: Plan, coordinator: User, now: datetime.datetime) -> list[_Round]:
    """The plan's two rounds before ``now`` by its schedule, and the one open now."""
    row = ReportingSchedule.objects.filter(plan=plan).first()
    schedule = row.as_schedule() if row else HALF_YEARS
    today = now.astimezone(ZONE).date()
    proposed = []
    day = today - datetime.timedelta(days=540)
    while True:
        nxt = propose_round(schedule, today=day)
        proposed.append(nxt)
        if nxt.deadline > today + datetime.timedelta(days=7):
            break
        day = nxt.deadline
    *earlier, current = proposed
    past = [p for p in earlier if p.deadline <= today - datetime.timedelta(days=7)]
    chosen = [*past[-2:], current]
    rounds = []
    for index, p in enumerate(chosen):
        deadline = _at(p.deadline, 17)
        opened = deadline - datetime.timedelta(days=30)
        if index == len(chosen) - 1:
            opened = min(opened, now - datetime.timedelta(days=5))
        title = (
            f"Báo cáo kỳ {p.period_start.strftime('%d/%m/%Y')} - "
            f"{p.period_end.strftime('%d/%m/%Y')} ({MARK})"
        )
        created = open_round(
            plan,
            title=title,
            period_start=p.period_start,
            period_end=p.period_end,
            cut_off=p.cut_off,
            deadline=deadline,
            by=coordinator,
            now=opened,
        )
        rounds.append(
            _Round(
                created,
                submitted=min(deadline - datetime.timedelta(days=8), now),
                reviewed=min(deadline - datetime.timedelta(days=5), now),
                resubmitted=min(deadline - datetime.timedelta(days=2), now),
                accepted=deadline + datetime.timedelta(days=3),
            )
        )
    return rounds


def _due_on(task: Task) -> datetime.date | None:
    try:
        return due_date(
            Due(
                kind=cast(DueKind, task.due_kind),  # a constraint and Due itself check it
                start_year=task.due_start_year,
                end_year=task.due_end_year,
                month=task.due_month,
                quarter=task.due_quarter,
                on=task.due_date,
                condition=task.due_condition or None,
                condition_met_on=task.condition_met_on,
            )
        ).on
    except EvaluationInputError:
        return None


class _Texts(TypedDict):
    results: str
    difficulties: str
    proposals: str


def _content(
    task: Task, organisation: Organisation, round_no: int, cut_off: datetime.date
) -> UpdateContent | None:
    """What the agency reports on ``task`` in its ``round_no``-th round (0 or 1); None when it
    does not report. Each task follows one story over the rounds."""
    story = _pick(task.code, organisation.code)
    if story < 0.1:
        return None  # an agency that never reports on this task
    texts: _Texts = {
        "results": f"[{MARK}] " + _choose(RESULTS, task.code, round_no),
        "difficulties": _choose(DIFFICULTIES, task.code, organisation.code, round_no),
        "proposals": _choose(PROPOSALS, task.code, round_no, "p"),
    }
    progress = min(90, 20 + int(_pick(task.code, "pace") * 40) + 30 * round_no)
    if story < 0.16:
        return UpdateContent("paused", 30, **texts)
    if task.due_kind == "recurring":
        return UpdateContent("in_progress", progress, **texts)
    due = _due_on(task)
    if due is not None and due <= cut_off:
        if story < 0.55:
            done_on = due - datetime.timedelta(days=int(_pick(task.code, "early") * 60))
            return UpdateContent("done_on_time", 100, completed_on=min(done_on, cut_off), **texts)
        if story < 0.72 and due < cut_off:
            late = 1 + int(_pick(task.code, "late") * min(90, (cut_off - due).days - 1))
            done_on = min(due + datetime.timedelta(days=late), cut_off)
            return UpdateContent("done_late", 100, completed_on=done_on, **texts)
        return UpdateContent("in_progress_late", progress, **texts)
    if round_no == 0 and story < 0.3:
        return UpdateContent("not_started", 0, **texts)
    if round_no == 1 and story > 0.93:
        done_on = cut_off - datetime.timedelta(days=10)
        return UpdateContent("done_on_time", 100, completed_on=done_on, **texts)
    return UpdateContent("in_progress", progress, **texts)


def _figure(indicator: Indicator, baseline: float, round_no: int) -> float:
    """A figure on its way from ``baseline`` to the target, at a pace fixed per indicator: some
    ahead, some on track, some slow, some falling, so every progress band shows."""
    target = float(indicator.target or 0)
    pace = (1.6, 1.0, 0.6, 0.25, -0.3)[int(_pick(indicator.code, "pace") * 5)]
    years = max(1, (indicator.year or 2030) - 2024)
    # Rounds half a year apart from the end of 2024: 1.5 and 2 years in.
    elapsed = (1.5 + 0.5 * round_no) / years
    return _as_counted(indicator, baseline + (target - baseline) * pace * elapsed)


def _baseline(indicator: Indicator) -> float:
    target = float(indicator.target or 0)
    if indicator.comparator in {"<=", "<", "rank_top"}:
        return _as_counted(indicator, target * 1.8 + 5)  # a rank or rate to bring down
    return _as_counted(indicator, target * 0.55)


def _as_counted(indicator: Indicator, value: float) -> float:
    """Whole numbers where the target counts things (projects, a rank), shares within 100 %."""
    unit = (indicator.unit or "").strip()
    if unit.startswith("%"):
        return round(min(100.0, max(0.0, value)), 1)
    if float(indicator.target or 0).is_integer() and "%" not in unit:
        return float(max(0, round(value)))
    return round(max(0.0, value), 2)


@transaction.atomic
def _plan_history(  # noqa: C901 - to be split (issue 11 note)
    plan: Plan,
    reporters: dict[Organisation, User],
    coordinator: User,
    now: datetime.datetime,
) -> DemoHistory:
    rounds = _rounds(plan, coordinator, now)
    tasks = list(plan.tasks.filter(archived_at__isnull=True).order_by("position"))
    indicators = list(
        plan.indicators.filter(archived_at__isnull=True, target__isnull=False)
        .exclude(comparator="")
        .order_by("position")
    )
    lineages = {organisation: organisation.lineage_ids() for organisation in reporters}
    named = {
        organisation: {
            task_id
            for task_id, _code in sorted(
                TaskAgency.objects.filter(task__plan=plan, organisation_id__in=lineage).values_list(
                    "task_id", "task__code"
                ),
                key=lambda row: _pick(row[1], organisation.code, "shown"),
            )[:TASKS_PER_AGENCY]
        }
        for organisation, lineage in lineages.items()
    }
    # The agency named first on an indicator is responsible for its figures.
    first_named: dict[int, int | None] = {}
    for indicator_id, organisation_id in (
        IndicatorAgency.objects.filter(indicator__plan=plan)
        .order_by("indicator_id", "position", "pk")
        .values_list("indicator_id", "organisation_id")
    ):
        first_named.setdefault(indicator_id, organisation_id)
    finished: set[tuple[int, int]] = set()
    updates = figures = 0
    for round_no, r in enumerate(rounds):
        current = round_no == len(rounds) - 1
        submitted: list[TaskUpdate | IndicatorValue] = []
        for organisation, user in reporters.items():
            for task in tasks:
                if (task.pk, organisation.pk) in finished or task.pk not in named[organisation]:
                    continue
                content = _content(task, organisation, min(round_no, 1), r.known_on)
                if content is None:
                    continue
                if current:
                    # The open round: some already sent, most still being written.
                    write = submit_update if _pick(task.code, "sent") < 0.3 else save_draft
                    write(r.round, task, content, by=user, based_on=0, now=r.submitted)
                    updates += 1
                    continue
                if content.status in {"done_on_time", "done_late"}:
                    # One in ten completions comes without its minutes: not counted as done.
                    if _pick(task.code, "evidence") > 0.1:
                        attach_evidence(
                            r.round,
                            task,
                            ContentFile(
                                evidence_pdf(task, organisation, r.round),
                                name=f"bien-ban-{task.code}-minh-hoa.pdf",
                            ),
                            by=user,
                            now=r.submitted,
                        )
                    finished.add((task.pk, organisation.pk))
                update = submit_update(r.round, task, content, by=user, based_on=0, now=r.submitted)
                submitted.append(update)
                updates += 1
            if not current:
                own = [i for i in indicators if first_named.get(i.pk) in lineages[organisation]]
                figures += _report_figures(r, round_no, own, user, submitted)
        if current:
            continue
        submitted = _review(r, submitted, reporters, coordinator, last=round_no == len(rounds) - 2)
        bulk_accept(submitted, by=coordinator, now=r.accepted)
        if round_no == 0:
            close_round(r.round, by=coordinator, now=r.accepted + datetime.timedelta(days=2))
    lock_due_rounds(now)
    return DemoHistory(len(rounds), updates, figures)


def _send_figure(
    r: _Round,
    indicator: Indicator,
    user: User,
    value: float,
    on: datetime.date,
    *,
    baseline: bool = False,
) -> IndicatorValue:
    return record_indicator_value(
        r.round,
        indicator,
        value=value,
        measured_on=on,
        note=f"Số liệu {MARK}, không phải số liệu thống kê chính thức.",
        baseline=baseline,
        confirmed=True,
        submit=True,
        by=user,
        based_on=0,
        now=r.submitted,
    )


def _report_figures(
    r: _Round,
    round_no: int,
    indicators: list[Indicator],
    user: User,
    submitted: list[TaskUpdate | IndicatorValue],
) -> int:
    """The figures of ``indicators``, those the reporter's agency is responsible for."""
    count = 0
    for indicator in indicators:
        baseline = (
            float(indicator.baseline_value)
            if indicator.baseline_value is not None
            else _baseline(indicator)
        )
        if round_no == 0 and indicator.baseline_value is None:
            baseline_on = datetime.date(2024, 12, 31)
            submitted.append(_send_figure(r, indicator, user, baseline, baseline_on, baseline=True))
        try:
            figure = _send_figure(
                r, indicator, user, _figure(indicator, baseline, round_no), r.known_on
            )
        except ReportingError:
            continue  # a figure its unit refuses (a share above 100 %): the agency sends none
        submitted.append(figure)
        count += 1
    return count


def _review(
    r: _Round,
    submitted: list[TaskUpdate | IndicatorValue],
    reporters: dict[Organisation, User],
    coordinator: User,
    *,
    last: bool,
) -> list[TaskUpdate | IndicatorValue]:
    """Return some task updates with a reason; the agency sends them again, better. In the last
    past round some stay returned and some still await review. What is left to accept comes
    back."""
    users = {user.pk: user for user in reporters.values()}
    to_accept: list[TaskUpdate | IndicatorValue] = []
    for report in submitted:
        if not isinstance(report, TaskUpdate):
            to_accept.append(report)
            continue
        code = report.task.code
        chance = _pick(code, report.organisation.code, r.round.period_start, "review")
        if last and chance < 0.06:
            continue  # still awaiting the coordinator's review
        if chance < 0.2:
            reason = _choose(RETURN_REASONS, code)
            returned = return_update(report, by=coordinator, reason=reason, now=r.reviewed)
            if last and chance < 0.12:
                continue  # returned, not yet sent again
            again = UpdateContent(
                status=report.status,
                progress=report.progress,
                completed_on=report.completed_on,
                results=report.results + " Đã ban hành 02 văn bản; kèm số liệu chi tiết.",
                product=report.product,
                difficulties=report.difficulties,
                proposals=report.proposals,
            )
            assert report.created_by_id is not None  # every demo report has its reporter
            report = submit_update(
                report.round,
                report.task,
                again,
                by=users[report.created_by_id],
                based_on=returned.version,
                now=r.resubmitted,
            )
        to_accept.append(report)
    return to_accept


def build_demo_history(
    plans: list[Plan],
    reporters: dict[Organisation, User],
    coordinator: User,
    *,
    now: datetime.datetime,
    say: Callable[[str], None] = print,
) -> list[Plan]:
    """Report and review two past rounds and open the current one, for every plan of
    ``plans`` without a marked round, each plan in one transaction; the plans it built."""
    built = []
    for plan in plans:
        if ReportingRound.objects.filter(plan=plan, title__contains=MARK).exists():
            continue
        own = {
            organisation: user
            for organisation, user in reporters.items()
            if plan.tasks.filter(agencies__organisation_id__in=organisation.lineage_ids()).exists()
            or plan.indicators.filter(
                agencies__organisation_id__in=organisation.lineage_ids()
            ).exists()
        }
        done = _plan_history(plan, own, coordinator, now)
        say(
            f"{plan}: {done.rounds} kỳ báo cáo {MARK}, {done.updates} báo cáo nhiệm vụ, "
            f"{done.figures} số liệu chỉ tiêu."
        )
        built.append(plan)
    return built
