"""A synthetic national data set for demonstrations and benchmarks: one plan per province, each
with task groups, tasks, indicators, reporting rounds, updates, figures and evidence; each
carries out the national plan (03/NQ-CP), its tasks linked to the national tasks (most links
confirmed, some only suggested); and for each province a few commune plans that carry out the
province's plan, each commune task linked to the provincial task it implements, so coverage and
progress roll up over the three levels (issue 12). ``shape_of(scale)`` sizes it: at 1 the 34
provinces reporting twice a year, at 10 a national deployment (issue 15) with the ministries'
plans too, ~130 agencies a plan (a province's communes among them) and 60 monthly rounds.

Plain Python: given the provinces and their agencies (ids and names) and a seed, it returns
rows as dataclasses; the same seed gives the same rows. Every plan says in its number, title
and issuer that it is synthetic (``MÔ PHỎNG``), so nobody mistakes it for a real document.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from theodoi.evaluation.coverage import Audience, audiences

MARK = "MÔ PHỎNG"
NUMBER_PREFIX = "MP-"
# A commune plan's number: its province plan's with ``-X<nn>`` before ``/KH-UBND``.
COMMUNE_NUMBER = "-X"
ISSUER = "Dữ liệu mô phỏng, không phải văn bản thật (theodoi synth)"

# The task groups of Resolution 57-NQ/TW's solutions, as provincial plans repeat them.
GROUPS = (
    "Nâng cao nhận thức, đột phá về đổi mới tư duy, quyết tâm chính trị",
    "Khẩn trương, quyết liệt hoàn thiện thể chế, xoá bỏ mọi tư tưởng, quan niệm cản trở",
    "Tăng cường đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo",
    "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài",
    "Đẩy mạnh chuyển đổi số trong hoạt động của cơ quan nhà nước",
    "Thúc đẩy mạnh mẽ hoạt động khoa học, công nghệ, đổi mới sáng tạo trong doanh nghiệp",
    "Tăng cường hợp tác quốc tế về khoa học, công nghệ và chuyển đổi số",
)
_VERBS = (
    "Xây dựng",
    "Triển khai",
    "Hoàn thiện",
    "Nâng cấp",
    "Tổ chức",
    "Ban hành",
    "Rà soát",
    "Phát triển",
)
_OBJECTS = (
    "nền tảng số dùng chung của tỉnh",
    "kho dữ liệu số về dân cư và doanh nghiệp",
    "chương trình đào tạo kỹ năng số cho cán bộ, công chức",
    "trung tâm giám sát, điều hành thông minh",
    "cơ chế hỗ trợ doanh nghiệp đổi mới sáng tạo",
    "hạ tầng mạng 5G tại các khu công nghiệp",
    "dịch vụ công trực tuyến toàn trình",
    "quỹ phát triển khoa học và công nghệ",
    "mạng lưới chuyên gia khoa học, công nghệ",
    "hệ thống thông tin báo cáo của tỉnh",
    "sàn giao dịch công nghệ",
    "chính sách thu hút nhân lực chất lượng cao",
)
_INDICATORS = (
    ("Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", ">=", (20, 60), (80, 100)),
    ("Tỷ trọng kinh tế số trong GRDP", "%", ">=", (5, 12), (20, 30)),
    ("Số doanh nghiệp công nghệ số", "doanh nghiệp", ">=", (50, 400), (600, 2000)),
    ("Chi cho khoa học và công nghệ", "tỷ đồng", ">=", (30, 200), (300, 900)),
    ("Tỷ lệ hồ sơ giải quyết quá hạn", "%", "<=", (5, 15), (0.5, 2)),
    ("Thứ hạng chỉ số đổi mới sáng tạo cấp tỉnh", "hạng", "rank_top", (20, 45), (5, 15)),
    ("Số sáng chế, giải pháp hữu ích được bảo hộ", "đơn", ">=", (2, 30), (50, 150)),
    ("Tỷ lệ người dân có chữ ký số cá nhân", "%", ">=", (5, 30), (70, 90)),
)


@dataclass(frozen=True)
class Agency:
    id: int
    name: str


@dataclass(frozen=True)
class Province:
    id: int
    name: str
    agencies: tuple[Agency, ...]
    # Its communes (xã, phường) with a plan of their own; none: no commune plans.
    communes: tuple[Agency, ...] = ()


@dataclass(frozen=True)
class NationalTask:
    """A task of the national plan the provincial plans carry out, with its agencies as
    written (whom it is expected of)."""

    id: int
    code: str
    title: str
    agencies: tuple[str, ...] = ()


@dataclass(frozen=True)
class SynthLink:
    """A task of the plan carries out a higher task: a national task (``higher`` is its id)
    for a provincial plan, a task of the province's plan (``higher`` is its index) for a
    commune plan."""

    task: int  # index into the plan's tasks
    higher: int
    state: str  # confirmed or suggested
    basis: str  # cited or title
    score: float | None


@dataclass(frozen=True)
class SynthRound:
    title: str
    period_start: datetime.date
    period_end: datetime.date
    cut_off: datetime.date
    deadline: datetime.datetime


@dataclass(frozen=True)
class SynthTask:
    key: str
    code: str
    group: int  # index into the plan's groups
    title: str
    expected_output: str
    due_text: str
    due_kind: str
    due_start_year: int | None
    due_end_year: int | None
    due_quarter: int | None
    lead: tuple[int, ...]
    cooperating: tuple[int, ...]
    confidential: bool


@dataclass(frozen=True)
class SynthIndicator:
    key: str
    code: str
    name: str
    unit: str
    comparator: str
    target: float
    year: int
    baseline_value: float
    baseline_year: int
    target_text: str
    agencies: tuple[int, ...]


@dataclass(frozen=True)
class SynthUpdate:
    task: int  # index into the plan's tasks
    round: int
    organisation: int
    role: str
    state: str  # submitted, accepted or returned
    status: str
    progress: int
    completed_on: datetime.date | None
    created_at: datetime.datetime
    evidence: bool


@dataclass(frozen=True)
class SynthValue:
    indicator: int
    round: int | None  # None: the baseline
    organisation: int
    value: float
    measured_on: datetime.date
    created_at: datetime.datetime


@dataclass
class SynthPlan:
    province: Province
    number: str
    title: str
    issued_on: datetime.date
    groups: tuple[str, ...]
    tasks: list[SynthTask] = field(default_factory=list)
    indicators: list[SynthIndicator] = field(default_factory=list)
    rounds: list[SynthRound] = field(default_factory=list)
    updates: list[SynthUpdate] = field(default_factory=list)
    values: list[SynthValue] = field(default_factory=list)
    links: list[SynthLink] = field(default_factory=list)
    # A provincial plan: its communes' plans, which implement it.
    communes: list[SynthPlan] = field(default_factory=list)


UTC = datetime.UTC


@dataclass(frozen=True)
class Shape:
    """The size of a data set: how many plans of each level, and what each plan holds."""

    provinces: int
    ministries: int
    # Agencies a ministry's plan assigns (its units), and communes that report on a
    # province's plan besides its departments.
    ministry_units: int
    reporting_communes: int
    tasks: int
    indicators: int
    rounds: int
    monthly: bool
    # The most cooperating agencies a task names.
    cooperating: int
    communes: int  # commune plans per province
    commune_tasks: int


SCALE_ONE = Shape(
    provinces=34,
    ministries=0,
    ministry_units=0,
    reporting_communes=0,
    tasks=70,
    indicators=40,
    rounds=10,
    monthly=False,
    cooperating=3,
    communes=2,
    commune_tasks=10,
)
# Issue 15's national deployment: 34 provinces and 30 ministries, ~130 agencies a plan,
# ~100 tasks and ~40 indicators, 60 monthly rounds: about 1.5 million task updates.
SCALE_TEN = Shape(
    provinces=34,
    ministries=30,
    ministry_units=130,
    reporting_communes=112,
    tasks=100,
    indicators=40,
    rounds=60,
    monthly=True,
    cooperating=8,
    communes=2,
    commune_tasks=10,
)


def shape_of(scale: int) -> Shape:
    """The data set at ``scale`` (1 to 10): today's national set at 1, issue 15's at 10, and
    each count in proportion between; rounds are monthly above 1."""
    if not 1 <= scale <= 10:
        raise ValueError("scale runs from 1 to 10")
    share = (scale - 1) / 9

    def between(one: int, ten: int) -> int:
        return round(one + (ten - one) * share)

    return Shape(
        **{
            f.name: between(getattr(SCALE_ONE, f.name), getattr(SCALE_TEN, f.name))
            for f in dataclasses.fields(Shape)
            if f.name != "monthly"
        },
        monthly=scale > 1,
    )


def rounds_until(today: datetime.date, count: int, *, monthly: bool = False) -> list[SynthRound]:
    """The last ``count`` rounds whose deadline has passed by ``today``, oldest first: half-year
    ones (reports before 1/6 and 15/11), or monthly ones (reports by the month's last day)."""
    if monthly:
        return _monthly_rounds_until(today, count)
    found: list[SynthRound] = []
    year = today.year
    while len(found) < count:
        for end_day, end_month, start in ((15, 11, (1, 6)), (31, 5, (16, 11))):
            deadline_day = datetime.date(year, end_month, end_day)
            if deadline_day >= today:
                continue
            start_year = year if end_month == 11 else year - 1
            period_start = datetime.date(start_year, start[1], start[0])
            half = "6 tháng cuối năm" if end_month == 11 else "6 tháng đầu năm"
            found.append(
                SynthRound(
                    title=f"Báo cáo {half} {year} ({MARK})",
                    period_start=period_start,
                    period_end=deadline_day,
                    cut_off=deadline_day - datetime.timedelta(days=10),
                    deadline=datetime.datetime.combine(deadline_day, datetime.time(10), UTC),
                )
            )
        year -= 1
    return sorted(found[:count], key=lambda r: r.deadline)


def _monthly_rounds_until(today: datetime.date, count: int) -> list[SynthRound]:
    found: list[SynthRound] = []
    month_start = today.replace(day=1)
    while len(found) < count:
        next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
        last_day = next_month - datetime.timedelta(days=1)
        if last_day < today:
            found.append(
                SynthRound(
                    title=f"Báo cáo tháng {month_start:%m/%Y} ({MARK})",
                    period_start=month_start,
                    period_end=last_day,
                    cut_off=month_start.replace(day=20),
                    deadline=datetime.datetime.combine(last_day, datetime.time(10), UTC),
                )
            )
        month_start = (month_start - datetime.timedelta(days=1)).replace(day=1)
    return sorted(found, key=lambda r: r.deadline)


def generate(
    provinces: list[Province],
    *,
    seed: int,
    today: datetime.date,
    tasks_per_plan: int = 70,
    indicators_per_plan: int = 40,
    rounds: int = 10,
    national: Sequence[NationalTask] = (),
    tasks_per_commune: int = 10,
) -> list[SynthPlan]:
    """One synthetic plan per province, reported on in ``rounds`` rounds ending before
    ``today``, its tasks linked to the ``national`` tasks, with a plan for each of the
    province's communes. Deterministic: the same arguments give the same plans."""
    return list(
        each_plan(
            provinces,
            seed=seed,
            today=today,
            tasks_per_plan=tasks_per_plan,
            indicators_per_plan=indicators_per_plan,
            rounds=rounds,
            national=national,
            tasks_per_commune=tasks_per_commune,
        )
    )


def each_plan(
    provinces: list[Province],
    *,
    seed: int,
    today: datetime.date,
    tasks_per_plan: int = 70,
    indicators_per_plan: int = 40,
    rounds: int = 10,
    national: Sequence[NationalTask] = (),
    tasks_per_commune: int = 10,
    monthly: bool = False,
    cooperating: int = 3,
) -> Iterator[SynthPlan]:
    """The plans of :func:`generate` one at a time, so that a national data set is loaded
    without holding all its updates at once; ``provinces`` may hold ministries too (a scope
    whose plan carries out the national one), ``cooperating`` bounds a task's cooperating
    agencies and ``monthly`` makes the rounds monthly."""
    schedule = rounds_until(today, rounds, monthly=monthly)
    # Progress is paced per half year; a monthly round brings a sixth of it.
    pace = 1 / 6 if monthly else 1.0
    for index, province in enumerate(sorted(provinces, key=lambda p: p.id)):
        rng = random.Random(f"{seed}:{province.id}")
        plan = SynthPlan(
            province=province,
            number=f"{NUMBER_PREFIX}{seed}-{index + 1:02d}/KH-UBND",
            title=(
                f"[{MARK}] Kế hoạch thực hiện Nghị quyết 57-NQ/TW về đột phá phát triển khoa "
                f"học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia của {province.name}"
            ),
            issued_on=schedule[0].period_start - datetime.timedelta(days=30),
            groups=GROUPS,
            rounds=schedule,
        )
        _tasks(plan, rng, tasks_per_plan, cooperating)
        _indicators(plan, rng, indicators_per_plan)
        _updates(plan, rng, pace)
        _values(plan, rng)
        _national_links(plan, rng, national)
        plan.communes = [
            _commune_plan(plan, commune, n, seed=seed, tasks=tasks_per_commune, pace=pace)
            for n, commune in enumerate(province.communes)
        ]
        yield plan


# Share of a provincial plan's tasks that carry out a national task, and of those links that
# the coordinator has confirmed (the others are still suggestions awaiting her).
LINKED = 0.85
CONFIRMED = 0.8


def _national_links(plan: SynthPlan, rng: random.Random, national: Sequence[NationalTask]) -> None:
    # The national tasks expected of the localities, as coverage reads them; all of them for
    # a national plan whose agencies say nothing of it.
    pool = [t for t in national if Audience.LOCALITIES in audiences(t.agencies)] or list(national)
    if not pool:
        return
    for t in range(len(plan.tasks)):
        if rng.random() >= LINKED:
            continue
        chosen = rng.sample(pool, min(len(pool), rng.choice((1, 1, 1, 2))))
        for higher in chosen:
            confirmed = rng.random() < CONFIRMED
            cited = confirmed and rng.random() < 0.5
            plan.links.append(
                SynthLink(
                    task=t,
                    higher=higher.id,
                    state="confirmed" if confirmed else "suggested",
                    basis="cited" if cited else "title",
                    score=None if cited else round(rng.uniform(0.45, 0.95), 2),
                )
            )


def _commune_plan(
    province_plan: SynthPlan, commune: Agency, n: int, *, seed: int, tasks: int, pace: float
) -> SynthPlan:
    """The plan of ``commune`` carrying out ``tasks`` of its province's plan (its recurring
    and dated tasks alike), reported on in the same rounds, each task linked (confirmed; one
    in ten only suggested) to the provincial task it implements."""
    province = province_plan.province
    rng = random.Random(f"{seed}:{province.id}:commune:{commune.id}")
    plan = SynthPlan(
        # A commune's plan is within its province's scope: the province is its plan's.
        province=Province(province.id, province.name, (commune,)),
        number=province_plan.number.replace("/KH-UBND", f"{COMMUNE_NUMBER}{n + 1:02d}/KH-UBND"),
        title=(
            f"[{MARK}] Kế hoạch của {commune.name} thực hiện {province_plan.number} "
            f"của {province.name}"
        ),
        issued_on=province_plan.issued_on + datetime.timedelta(days=rng.randint(10, 45)),
        groups=province_plan.groups,
        rounds=province_plan.rounds,
    )
    picked = sorted(
        rng.sample(range(len(province_plan.tasks)), min(tasks, len(province_plan.tasks)))
    )
    for i, higher in enumerate(picked):
        source = province_plan.tasks[higher]
        plan.tasks.append(
            dataclasses.replace(
                source,
                key=f"t{i + 1}",
                code=str(i + 1),
                title=f"{source.title.split(' (')[0]} tại {commune.name} ({MARK} {i + 1})",
                lead=(commune.id,),
                cooperating=(),
                confidential=False,
            )
        )
        suggested = rng.random() < 0.1
        plan.links.append(
            SynthLink(
                task=i,
                higher=higher,
                state="suggested" if suggested else "confirmed",
                basis="title" if suggested else "cited",
                score=round(rng.uniform(0.5, 0.9), 2) if suggested else None,
            )
        )
    _indicators(plan, rng, 3)
    _updates(plan, rng, pace)
    _values(plan, rng)
    return plan


def _tasks(plan: SynthPlan, rng: random.Random, count: int, cooperating_at_most: int) -> None:
    agencies = plan.province.agencies
    first_year = plan.rounds[0].period_start.year
    for i in range(count):
        group = i * len(plan.groups) // count
        kind = rng.choices(["year", "recurring", "quarter", "range"], [6, 2, 1, 1])[0]
        year = rng.randint(first_year + 1, first_year + 6)
        quarter = rng.randint(1, 4) if kind == "quarter" else None
        start = year - rng.randint(1, 3) if kind == "range" else None
        due_text = {
            "year": f"Năm {year}",
            "recurring": "Thường xuyên",
            "quarter": f"Quý {quarter}/{year}",
            "range": f"{start} - {year}",
        }[kind]
        lead = rng.sample(agencies, 1)
        others = [a for a in agencies if a not in lead]
        cooperating = rng.sample(others, min(len(others), rng.randint(0, cooperating_at_most)))
        plan.tasks.append(
            SynthTask(
                key=f"t{i + 1}",
                code=str(i + 1),
                group=group,
                title=f"{rng.choice(_VERBS)} {rng.choice(_OBJECTS)} ({MARK} {i + 1})",
                expected_output=rng.choice(("Kế hoạch", "Báo cáo", "Hệ thống", "Đề án")),
                due_text=due_text,
                due_kind=kind,
                due_start_year=start
                if kind == "range"
                else (None if kind == "recurring" else year),
                due_end_year=year if kind == "range" else None,
                due_quarter=quarter,
                lead=tuple(a.id for a in lead),
                cooperating=tuple(a.id for a in cooperating),
                confidential=rng.random() < 0.03,
            )
        )


def _indicators(plan: SynthPlan, rng: random.Random, count: int) -> None:
    baseline_year = plan.rounds[0].period_start.year - 1
    for i in range(count):
        name, unit, op, base, goal = _INDICATORS[i % len(_INDICATORS)]
        baseline = round(rng.uniform(*base), 1)
        target = round(rng.uniform(*goal), 1)
        if op == "rank_top":
            baseline, target = float(round(baseline)), float(round(target))
        year = rng.choice((2025, 2030, 2030))
        words = {">=": "Đạt", "<=": "Dưới", "rank_top": "Top"}[op]
        plan.indicators.append(
            SynthIndicator(
                key=f"c{i + 1}",
                code=str(i + 1),
                name=f"{name} ({MARK} {i + 1})",
                unit=unit,
                comparator=op,
                target=target,
                year=year,
                baseline_value=baseline,
                baseline_year=baseline_year,
                target_text=f"{words} {target:g} {unit}".replace(".", ","),
                agencies=(rng.choice(plan.province.agencies).id,),
            )
        )


def _updates(plan: SynthPlan, rng: random.Random, per_round: float) -> None:
    for t, task in enumerate(plan.tasks):
        pace = rng.uniform(5, 30) * per_round  # points of progress per round
        start_round = rng.randint(0, 4)
        progress = 0
        completed_on: datetime.date | None = None
        for r, round_ in enumerate(plan.rounds):
            if r < start_round:
                continue
            late = rng.random() < 0.2
            # A finished task is reported as finished again each round, as agencies list all
            # their tasks; its completion date stays the first one.
            if completed_on is None:
                progress = min(100, progress + int(pace * rng.uniform(0.5, 1.5)))
                if progress >= 100 and task.due_kind != "recurring":
                    completed_on = round_.cut_off - datetime.timedelta(days=rng.randint(0, 60))
            done = completed_on is not None
            if done:
                status = "done_on_time"
            elif rng.random() < 0.02:
                status = "paused"
            else:
                status, progress = "in_progress", min(progress, 95)
            for organisation, role in (
                *((o, "lead") for o in task.lead),
                *((o, "cooperating") for o in task.cooperating if rng.random() < 0.7),
            ):
                state = rng.choices(["accepted", "submitted", "returned"], [90, 5, 5])[0]
                days_before = rng.randint(-5 if late else 1, 20)
                plan.updates.append(
                    SynthUpdate(
                        task=t,
                        round=r,
                        organisation=organisation,
                        role=role,
                        state=state,
                        status=status,
                        progress=100 if done else progress,
                        completed_on=completed_on,
                        created_at=round_.deadline - datetime.timedelta(days=days_before),
                        evidence=done and rng.random() < 0.9,
                    )
                )


def _values(plan: SynthPlan, rng: random.Random) -> None:
    for i, indicator in enumerate(plan.indicators):
        organisation = indicator.agencies[0]
        first = plan.rounds[0]
        plan.values.append(
            SynthValue(
                indicator=i,
                round=None,
                organisation=organisation,
                value=indicator.baseline_value,
                measured_on=datetime.date(indicator.baseline_year, 12, 31),
                created_at=first.deadline - datetime.timedelta(days=30),
            )
        )
        value = indicator.baseline_value
        step = (indicator.target - indicator.baseline_value) / (len(plan.rounds) * 1.2)
        speed = rng.choice((1.4, 1.0, 0.7, 0.3, -0.3))
        for r, round_ in enumerate(plan.rounds):
            value = max(0.0, value + step * speed * rng.uniform(0.6, 1.4))
            if indicator.unit == "%":
                value = min(100.0, value)
            plan.values.append(
                SynthValue(
                    indicator=i,
                    round=r,
                    organisation=organisation,
                    value=round(value, 1),
                    measured_on=round_.cut_off,
                    created_at=round_.deadline - datetime.timedelta(days=rng.randint(1, 15)),
                )
            )
