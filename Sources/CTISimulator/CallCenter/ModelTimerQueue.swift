/// The model's pending timers as a binary min-heap ordered by (due, sequence): the next one is
/// found at once and taken out in O(log n), so a contact center of thousands of agents with a
/// timer each (calls to hang up, wrap-ups to end) costs little per step (`cti load`, issue 22).
struct ModelTimerQueue: Sendable {
    private var heap: [ModelTimer] = []

    var count: Int { heap.count }

    /// The timer due first.
    var first: ModelTimer? { heap.first }

    mutating func insert(_ timer: ModelTimer) {
        heap.append(timer)
        siftUp(heap.count - 1)
    }

    /// Takes out the timer due first.
    mutating func removeFirst() -> ModelTimer? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        return first
    }

    /// Takes out every timer whose action matches.
    mutating func removeAll(where matches: (ModelTimer.Action) -> Bool) {
        let before = heap.count
        heap.removeAll { matches($0.action) }
        if heap.count != before { heapify() }
    }

    /// Changes the actions of the timers that match (their times stay, so does the order).
    mutating func rewrite(_ change: (inout ModelTimer.Action) -> Void) {
        for index in heap.indices { change(&heap[index].action) }
    }

    private static func precedes(_ lhs: ModelTimer, _ rhs: ModelTimer) -> Bool {
        (lhs.due, lhs.sequence) < (rhs.due, rhs.sequence)
    }

    private mutating func heapify() {
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < heap.count && Self.precedes(heap[left], heap[first]) { first = left }
            if right < heap.count && Self.precedes(heap[right], heap[first]) { first = right }
            guard first != parent else { return }
            heap.swapAt(parent, first)
            parent = first
        }
    }
}
