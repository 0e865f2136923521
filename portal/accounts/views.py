from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from portal.accounts.forms import (
    BirthDateForm,
    QueuedPasswordResetForm,
    RegistrationForm,
    SignInForm,
)
from portal.accounts.services import register_volunteer, set_birth_date


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class PasswordResetView(auth_views.PasswordResetView):
    form_class = QueuedPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")

    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = register_volunteer(
            full_name=data["full_name"],
            email=data["email"] or None,
            phone=data["phone"] or None,
            birth_date=data["birth_date"],
            password=data["password"],
            consent=data["consent"],
        )
        login(request, user, backend="portal.accounts.backends.EmailOrPhoneBackend")
        messages.success(request, _("Welcome! Your volunteer account is ready."))
        return redirect("core:dashboard")

    return render(request, "accounts/register.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def birth_date(request: HttpRequest) -> HttpResponse:
    initial = {"birth_date": request.user.birth_date}
    form = BirthDateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        set_birth_date(user=request.user, birth_date=form.cleaned_data["birth_date"])
        messages.success(request, _("Saved."))
        return redirect(_back_to(request) or "hours:my_data")

    context = {"form": form, "next": _back_to(request)}
    return render(request, "accounts/birth_date.html", context)


def _back_to(request: HttpRequest) -> str:
    """The page that sent the person here, when it is one of ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
