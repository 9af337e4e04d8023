"""What the editorial tests share: the launch content with the sign-off workflow, an editor and
a safeguarding lead."""

import pytest

from editorial.roles import setup_editorial_workflow
from tests.support.users import make_editor, make_lead


@pytest.fixture
def roles(launch_content):
    setup_editorial_workflow()
    return {"editor": make_editor(), "lead": make_lead(), **launch_content}
