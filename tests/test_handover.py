"""Handing the frames over to derive (as the pipeline does) frees them sooner and changes no derived value."""

from __future__ import annotations

import pandas as pd
import pytest

from ddas_quality.derive import DeriveContext, derive
from ddas_quality.domains import get_domain
from ddas_quality.flatten import concat_frames, flatten_document
from ddas_quality.gemeenten import load_table
from ddas_quality.pipeline import Options, thresholds_for
from ddas_quality.privacy import Keyer


def _documents():
    from ddas_quality.domains.shv.generator import generate_delivery
    from ddas_quality.domains.vs.generator.delivery import generate_vs_delivery

    yield "SHV", generate_delivery(trajecten=120, seed=11, defects=["P02", "D04", "C07", "T03"]).document
    yield "VS", generate_vs_delivery(signalen=200, seed=11, defects=["V03", "V05"]).document


@pytest.mark.parametrize(("domain_name", "document"), list(_documents()), ids=["SHV", "VS"])
def test_derive_on_handed_over_frames_gives_the_same_frames_and_empties_the_dict(domain_name, document):
    domain = get_domain(domain_name)
    context = DeriveContext(load_table(None), thresholds_for(Options()), files_in_run=1)
    kept = concat_frames([flatten_document(domain, document, "x.json", Keyer(b"k" * 32))])
    handed = concat_frames([flatten_document(domain, document, "x.json", Keyer(b"k" * 32))])
    expected = derive(domain, kept, context)
    got = derive(domain, handed, context, release=True)
    assert handed == {}                    # the caller's dict no longer holds the frames
    assert sorted(got) == sorted(expected)
    assert len(expected) > len(kept) > 3   # derived frames were added; `kept` still holds what it was given
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)
