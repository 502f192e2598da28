"""Create the first administrator for a local site and say how to log in."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local" / "admin-passord.txt"


class Command(BaseCommand):
    help = (
        "Oppretter en administrator (ADMIN_USERNAME, ADMIN_PASSWORD, ADMIN_EMAIL fra miljøet, "
        "ellers admin med et tilfeldig passord) og skriver ut hvordan du logger inn."
    )

    def handle(self, *args, **options):
        username = os.environ.get("ADMIN_USERNAME", "admin")
        password = os.environ.get("ADMIN_PASSWORD")
        email = os.environ.get("ADMIN_EMAIL", "")
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or self._remembered_password() or secrets.token_urlsafe(12)
            User.objects.create_superuser(username=username, email=email, password=password)
            self._remember(password)
        elif password:
            user.set_password(password)
            user.save(update_fields=["password"])
        else:
            password = self._remembered_password()
        login_url = f"{settings.SITE_URL}/admin/"
        self.stdout.write(f"Logg inn på {login_url} som «{username}»")
        if password:
            self.stdout.write(f"Passord: {password}")
        else:
            self.stdout.write(
                "Passordet er ukjent her; sett ADMIN_PASSWORD og kjør på nytt for å bytte det."
            )

    def _remembered_password(self):
        return PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else None

    def _remember(self, password):
        PASSWORD_FILE.parent.mkdir(exist_ok=True)
        PASSWORD_FILE.write_text(password + "\n")
        PASSWORD_FILE.chmod(0o600)
