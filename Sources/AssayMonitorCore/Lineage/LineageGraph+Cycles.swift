extension LineageGraph {
    /// Every cycle of the graph: its strongly connected components (Tarjan's algorithm, iterative, so a long chain
    /// does not exhaust the stack) of more than one dataset, and datasets feeding themselves. Each is written as a
    /// walk around it from its first name in order, back to that name: `[a, b, c, a]`.
    public func cycles() -> [[String]] {
        cyclicComponents().map(walk).sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// The keys of the datasets of each cycle's strongly connected component (every dataset that can reach itself,
    /// grouped), each sorted.
    public func cyclicComponents() -> [[String]] {
        let keys = datasets.keys.sorted()
        var index: [String: Int] = [:], low: [String: Int] = [:], onStack: Set<String> = []
        var stack: [String] = [], components: [[String]] = []
        var counter = 0
        for root in keys where index[root] == nil {
            // Each frame: a dataset and how many of its successors were looked at.
            var frames: [(key: String, next: Int)] = [(root, 0)]
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack.insert(root)
            while let frame = frames.last {
                let successors = successorKeys(of: frame.key)
                if frame.next < successors.count {
                    frames[frames.count - 1].next += 1
                    let w = successors[frame.next]
                    if index[w] == nil {
                        index[w] = counter; low[w] = counter; counter += 1
                        stack.append(w); onStack.insert(w)
                        frames.append((w, 0))
                    } else if onStack.contains(w) {
                        low[frame.key] = min(low[frame.key] ?? 0, index[w] ?? 0)
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[parent.key] = min(low[parent.key] ?? 0, low[frame.key] ?? 0) }
                guard low[frame.key] == index[frame.key] else { continue }
                var component: [String] = []
                while let w = stack.popLast() {
                    onStack.remove(w)
                    component.append(w)
                    if w == frame.key { break }
                }
                if component.count > 1 || successors.contains(frame.key) { components.append(component.sorted()) }
            }
        }
        return components
    }

    private func successorKeys(of key: String) -> [String] {
        var seen: Set<String> = []
        return edges(from: key).compactMap { $0.to.map(Self.key) }.filter { seen.insert($0).inserted }
    }

    /// A shortest walk from the component's first dataset around and back, within the component.
    private func walk(_ component: [String]) -> [String] {
        let members = Set(component)
        guard let start = component.first else { return [] }
        var previous: [String: String] = [:], queue = [start], head = 0
        while head < queue.count {
            let key = queue[head]
            head += 1
            for next in successorKeys(of: key) where members.contains(next) {
                if next == start {
                    var path = [start], cursor = key
                    while cursor != start, let back = previous[cursor] { path.append(cursor); cursor = back }
                    path.append(start)
                    return path.reversed().map { datasets[$0]?.name ?? $0 }
                }
                if previous[next] == nil { previous[next] = key; queue.append(next) }
            }
        }
        return component.map { datasets[$0]?.name ?? $0 }
    }
}
