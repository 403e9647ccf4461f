//! Requests on worker threads, at most `concurrency` at once and at most a host's limit per
//! host: a worker takes the first waiting URL whose host has room, or waits for one.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};

struct Queue {
    waiting: VecDeque<usize>,
    busy: HashMap<String, usize>,
}

/// Runs `work(i)` for every job, where `host(i)` names the job's host and `limit(host)` its
/// allowance; `done(i, result)` is called as each finishes. Results come back in job order.
pub fn run<R: Send>(
    jobs: usize,
    workers: usize,
    host: &(dyn Fn(usize) -> String + Sync),
    limit: &(dyn Fn(&str) -> usize + Sync),
    work: &(dyn Fn(usize) -> R + Sync),
    done: &(dyn Fn(usize) + Sync),
) -> Vec<R> {
    let queue = Mutex::new(Queue {
        waiting: (0..jobs).collect(),
        busy: HashMap::new(),
    });
    let room = Condvar::new();
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..jobs).map(|_| None).collect());
    let next = || -> Option<(usize, String)> {
        let mut q = queue.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if q.waiting.is_empty() {
                return None;
            }
            let pick = q.waiting.iter().position(|&i| {
                let h = host(i);
                q.busy.get(&h).copied().unwrap_or(0) < limit(&h).max(1)
            });
            if let Some(at) = pick {
                let i = q.waiting.remove(at)?;
                let h = host(i);
                *q.busy.entry(h.clone()).or_default() += 1;
                return Some((i, h));
            }
            q = room.wait(q).unwrap_or_else(|e| e.into_inner());
        }
    };
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, jobs.max(1)) {
            scope.spawn(|| {
                while let Some((i, h)) = next() {
                    let r = work(i);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                    {
                        let mut q = queue.lock().unwrap_or_else(|e| e.into_inner());
                        if let Some(n) = q.busy.get_mut(&h) {
                            *n = n.saturating_sub(1);
                        }
                    }
                    room.notify_all();
                    done(i);
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn hosts_never_exceed_their_limit() {
        let now = Mutex::new(HashMap::<String, usize>::new());
        let worst = AtomicUsize::new(0);
        let host = |i: usize| format!("h{}", i % 3);
        let out = run(
            60,
            16,
            &host,
            &|_| 2,
            &|i| {
                let h = host(i);
                let n = {
                    let mut m = now.lock().unwrap();
                    let n = m.entry(h.clone()).or_default();
                    *n += 1;
                    *n
                };
                worst.fetch_max(n, Ordering::SeqCst);
                std::thread::sleep(std::time::Duration::from_millis(2));
                *now.lock().unwrap().get_mut(&h).unwrap() -= 1;
                i * 2
            },
            &|_| {},
        );
        assert_eq!(out, (0..60).map(|i| i * 2).collect::<Vec<_>>());
        assert_eq!(worst.load(Ordering::SeqCst), 2);
    }
}
