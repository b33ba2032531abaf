"""Calendar feeds (.ics) for every plan and every responsible unit."""
