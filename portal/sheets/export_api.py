"""Mẫu 1 and Mẫu 2 as files over the API, for the same people as the page."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from portal.access.policy import scope_of
from portal.sheets.downloads import (
    CONTENT_TYPES,
    FILE_TYPES,
    ExportNotAllowed,
    export_response,
)


class ExportQuerySerializer(serializers.Serializer):
    list = serializers.ChoiceField(choices=["teams", "sites"])
    filetype = serializers.ChoiceField(choices=FILE_TYPES, default="xlsx")
    unit = serializers.CharField(required=False, default="", max_length=40)
    round = serializers.IntegerField(required=False, min_value=1)


class ExportView(APIView):
    """Download a list: the caller's scope, one unit in it, or a round."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses={
            (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The .xlsx workbook."
            ),
            (200, "text/csv"): OpenApiResponse(
                response=OpenApiTypes.BINARY, description="The .csv file."
            ),
        },
    )
    def get(self, request: Request) -> Any:
        if not scope_of(request.user).is_staff_like:
            raise ExportNotAllowed()
        query = ExportQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)

        return export_response(
            by=request.user,
            kind=query.validated_data["list"],
            filetype=query.validated_data["filetype"],
            unit_code=query.validated_data["unit"],
            round_id=query.validated_data.get("round"),
        )
