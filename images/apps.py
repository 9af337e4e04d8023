from django.apps import AppConfig


class ImagesConfig(AppConfig):
    """Images and documents: the site's image model, what an upload must be, and who may change
    or delete a file that live pages show."""

    name = "images"
    verbose_name = "Images and documents"

    def ready(self):
        # System checks register themselves when imported; imported once the apps are loaded.
        from images import checks  # noqa: F401, PLC0415
