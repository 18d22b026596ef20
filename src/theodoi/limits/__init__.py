"""How often one sender may do a thing: atomic counters in the database (:func:`take`)."""
