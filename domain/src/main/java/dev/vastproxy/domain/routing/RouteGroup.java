package dev.vastproxy.domain.routing;

import dev.vastproxy.domain.backend.Backend;
import dev.vastproxy.domain.instance.InstanceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backends that can serve one kind of request (all of them, or those serving one model), ordered by
 * instance id, with the round-robin cursor that spreads requests over them. The cursor outlives
 * fleet changes so that rebuilding the table does not restart the rotation.
 */
public final class RouteGroup {
  private final Backend[] members;
  private final AtomicLong cursor;

  RouteGroup(List<Backend> members, AtomicLong cursor) {
    this.members = members.toArray(new Backend[0]);
    this.cursor = cursor;
  }

  /** How many backends are in the group. */
  public int size() {
    return members.length;
  }

  /** Whether no backend is in the group. */
  public boolean isEmpty() {
    return members.length == 0;
  }

  /** The backend at a position, in id order. */
  public Backend get(int position) {
    return members[position];
  }

  /** The next position of the rotation: one atomic increment, wrapped to the group size. */
  public int nextPosition() {
    return (int) Math.floorMod(cursor.getAndIncrement(), (long) members.length);
  }

  /** The members as a list, in id order. */
  public List<Backend> members() {
    return List.of(members);
  }

  /** The same group less some backends, sharing its rotation. */
  public RouteGroup without(Set<InstanceId> excluded) {
    if (excluded.isEmpty()) {
      return this;
    }
    List<Backend> kept = new ArrayList<>(members.length);
    for (Backend member : members) {
      if (!excluded.contains(member.id())) {
        kept.add(member);
      }
    }
    return kept.size() == members.length ? this : new RouteGroup(kept, cursor);
  }

  AtomicLong cursor() {
    return cursor;
  }
}
