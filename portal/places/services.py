"""Loading the official list of provinces and wards."""

import logging

from django.db import transaction
from vietnam_provinces import Province as OfficialProvince
from vietnam_provinces import Ward as OfficialWard

from portal.lib.text import nfc
from portal.places.models import Province, Ward, fold_ward_name

logger = logging.getLogger(__name__)

_KINDS = {"phường": "phuong", "xã": "xa", "đặc khu": "dac_khu"}


@transaction.atomic
def load_official_places(
    province_model: type[Province] = Province, ward_model: type[Ward] = Ward
) -> tuple[int, int]:
    """Insert or update every province and ward; return their counts.

    The models can be passed in so that a data migration can use its
    historical versions of them.
    """
    provinces = [
        province_model(code=int(p.code), name=p.name, codename=p.codename)
        for p in OfficialProvince.iter_all()
    ]
    province_model.objects.bulk_create(
        provinces,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "codename"],
    )

    wards = [
        ward_model(
            code=int(w.code),
            province_id=int(w.province_code),
            # A few official names carry doubled spaces.
            name=nfc(w.name),
            kind=_KINDS[w.division_type.value],
            codename=w.codename,
            name_folded=fold_ward_name(nfc(w.name)),
        )
        for w in OfficialWard.iter_all()
    ]
    ward_model.objects.bulk_create(
        wards,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["province", "name", "kind", "codename", "name_folded"],
    )

    logger.info("loaded %s provinces and %s wards", len(provinces), len(wards))
    return len(provinces), len(wards)
