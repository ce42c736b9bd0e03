"""Make the collection importable as ansible_collections.dockerlab.training."""

import os
import sys

CHECKOUT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COLLECTIONS = os.path.join(CHECKOUT, ".collections")

if not os.path.isdir(os.path.join(COLLECTIONS, "ansible_collections", "dockerlab")):
    raise RuntimeError(
        f"{COLLECTIONS} lacks the collections; run scripts/setup first."
    )
sys.path.insert(0, COLLECTIONS)
