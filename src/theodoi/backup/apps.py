from django.apps import AppConfig


class BackupConfig(AppConfig):
    name = "theodoi.backup"
    verbose_name = "Sao lưu"
