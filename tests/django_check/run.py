"""Executable check of the model answers: runs every ```python run block against real Django and DRF.

Usage: python run.py CONTENT_DIR [TOPIC/FILE.md ...]   run the runnable blocks (each in its own process), summary
       python run.py --block FILE LINE      run one block (used by the line above)

Each block runs inside a minimal configured project: in-memory SQLite with the contrib apps migrated, DRF
installed, the local-memory cache, the test environment set up, and a `snippets` app. The block's module *is*
`snippets.models` (so models it declares belong to that app and get their tables as soon as they are defined) and
the ROOT_URLCONF (so `urlpatterns` it defines can be reversed and requested with the test client). A block passes
when it runs to the end: its own `assert` statements are the test.
"""

import ast
import concurrent.futures
import os
import re
import subprocess
import sys
import time
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
FENCE = re.compile(r"^\s*```")


def blocks(content_dir, only=()):
    """Every python fence as (file, line, runnable, code); `only` limits it to some `topic/file.md`."""
    for path in sorted(Path(content_dir).glob("*/*.md")):
        if only and f"{path.parent.name}/{path.name}" not in only:
            continue
        lines = path.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            line = lines[i]
            if FENCE.match(line):
                info = line.strip()[3:].split()
                start, body = i + 1, []
                i += 1
                while i < len(lines) and not FENCE.match(lines[i]):
                    body.append(lines[i])
                    i += 1
                if info and info[0].lower() == "python":
                    yield path, start, "run" in info[1:], "\n".join(body) + "\n"
            i += 1


def configure():
    sys.path.insert(0, str(HERE))
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="executable-check-not-secret-" + "x" * 40,
        ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1", "example.com"],
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "rest_framework",
            "rest_framework.authtoken",
            "snippets",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        ROOT_URLCONF="snippets.models",
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        USE_TZ=True,
        TIME_ZONE="UTC",
        STATIC_URL="/static/",
        DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],  # fast tests; answers say why not in prod
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOGGING_CONFIG=None,
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0, interactive=False)


def create_new_tables(known):
    """Creates the tables of snippet models defined since the last call."""
    from django.apps import apps
    from django.db import connection

    models = [m for m in apps.get_app_config("snippets").get_models(include_auto_created=True) if m not in known]
    if not models:
        return
    with connection.schema_editor() as editor:
        for model in models:
            if not model._meta.auto_created and model._meta.managed and not model._meta.proxy:
                editor.create_model(model)
            known.add(model)
            for field in model._meta.local_many_to_many:
                known.add(field.remote_field.through)


def run_one(path, line):
    code = next(c for p, l, _, c in blocks(Path(path).parent.parent) if str(p) == str(path) and l == int(line))
    configure()
    module = types.ModuleType("snippets.models")
    module.__file__ = str(HERE / "snippets" / "models.py")
    sys.modules["snippets.models"] = module
    known = set()
    tree = ast.parse(code, filename=f"{path}:{line}")
    # Statement by statement: the tables of the models defined so far are made before the first statement that
    # is not a class definition (so models may refer to ones defined after them), and at the end.
    for node in tree.body:
        if not isinstance(node, ast.ClassDef):
            create_new_tables(known)
        exec(compile(ast.Module(body=[node], type_ignores=[]), f"{path}:{line}", "exec"), module.__dict__)
    create_new_tables(known)


def run_all(content_dir, only=()):
    found = list(blocks(content_dir, only))
    runnable = [(p, l) for p, l, run, _ in found if run]
    per_topic = {}
    for p, _, run, _ in found:
        topic = p.parent.name
        per_topic.setdefault(topic, [0, 0])
        per_topic[topic][0] += 1
        per_topic[topic][1] += run
    started = time.time()
    failures = []

    def shown(path, line):
        return f"content/{Path(path).parent.name}/{Path(path).name}:{line}"

    def execute(item):
        path, line = item
        result = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--block", str(path), str(line)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=HERE,
        )
        return item, result

    with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for (path, line), result in pool.map(execute, runnable):
            if result.returncode != 0:
                tail = "\n    ".join(result.stderr.strip().splitlines()[-12:])
                failures.append(f"{shown(path, line)}\n    {tail}")
    for f in failures:
        print(f"FAILED {f}\n")
    print("blocks per topic (python / runnable):")
    for topic, (total, run) in sorted(per_topic.items()):
        print(f"  {topic:16} {total:4} / {run}")
    import django
    import rest_framework

    print(f"django-check: {len(found)} python blocks parsed, {len(runnable)} run, {len(failures)} failures "
          f"({time.time() - started:.0f} s, Django {django.__version__}, DRF {rest_framework.VERSION})")
    print(f"django-check: {len(runnable) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--block":
        run_one(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 2:
        sys.exit(run_all(sys.argv[1], set(sys.argv[2:])))
    else:
        sys.exit(__doc__)
