# Copyright: dockerlab.training developers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Resolve the lab images' pull references and local tags for an image source."""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

SOURCES = ("registry", "mirror", "offline")


def _split_registry(reference):
    """Split REFERENCE into (registry host or '', rest), as docker does.

    The first path component names a registry when it contains '.' or ':'
    or is 'localhost'; otherwise the image is on Docker Hub.
    """
    first, _separator, rest = reference.partition("/")
    if rest and ("." in first or ":" in first or first == "localhost"):
        return first, rest
    return "", reference


def _docker_hub_path(reference):
    """Return REFERENCE as a Docker Hub repository path: library/ for official images."""
    return reference if "/" in reference else f"library/{reference}"


def _pull_reference(tag, source, registry):
    image_registry, path = _split_registry(tag)
    if source == "registry":
        if image_registry or not registry:
            return tag
        return f"{registry}/{path}"
    # A pull-through cache mirrors one upstream registry, Docker Hub by
    # default, so an image that names another registry cannot come through it.
    if image_registry:
        raise AnsibleFilterError(
            f"lab_images_catalog tag '{tag}' names the registry '{image_registry}'; "
            "the mirror only caches its upstream registry, so list the image "
            "without a registry host or use lab_images_source=registry."
        )
    return f"{registry}/{_docker_hub_path(path)}"


def lab_image_references(catalog, wanted, source, registry=""):
    """Return, per wanted image, the reference to pull and the tags to apply.

    Each item is a dict. `name` is the catalog name and `pull` the
    reference to pull, empty in offline mode. `tags` lists the names the
    labs use, to tag on the pulled or loaded image, other than `pull`
    itself. `standin` is the offline stand-in's build folder, or empty.
    """
    if source not in SOURCES:
        raise AnsibleFilterError(
            f"lab_images_source is '{source}'; allowed: {', '.join(SOURCES)}."
        )
    if source == "mirror" and not registry:
        raise AnsibleFilterError(
            "lab_images_source is mirror but no mirror address is given; set "
            "lab_images_mirror to <host>:<port> of the class registry's cache."
        )
    if not isinstance(catalog, dict):
        raise AnsibleFilterError(f"lab_images_catalog is {catalog!r}; it must be a dict.")
    unknown = [name for name in wanted if name not in catalog]
    if unknown:
        raise AnsibleFilterError(
            f"lab_images_wanted names {', '.join(unknown)}, which lab_images_catalog "
            f"lacks; known images: {', '.join(sorted(catalog))}."
        )
    references = []
    for name in wanted:
        tags = catalog[name].get("tags") if isinstance(catalog[name], dict) else None
        if not tags or not isinstance(tags, list):
            raise AnsibleFilterError(f"lab_images_catalog['{name}'] has no `tags` list.")
        pull = "" if source == "offline" else _pull_reference(tags[0], source, registry)
        references.append({
            "name": name,
            "pull": pull,
            "tags": [tag for tag in tags if tag != pull],
            "standin": catalog[name].get("standin", ""),
        })
    return references


class FilterModule:
    """Filters that resolve lab image names."""

    def filters(self):
        return {"lab_image_references": lab_image_references}
