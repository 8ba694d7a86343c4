extension OpenQuestionAnswerer {
    /// Everyday English words that are seldom part of a person's name. A run of words holding one
    /// ("am enclosing", "fight against hunger") reads as prose, not as a name.
    enum CommonWords {
        static func contains(_ key: String) -> Bool { words.contains(key) }

        private static let words: Set<String> = [
            // Verbs and their common forms.
            "accept", "accepted", "add", "added", "agree", "agreed", "allow", "allowed", "apply", "applied", "approve",
            "approved", "ask", "asked", "attach", "attached", "attend", "attended", "become", "began", "begin", "believe",
            "bring", "call", "called", "came", "change", "changed", "come", "complete", "completed", "concerned",
            "consider", "considered", "continue", "continued", "could", "decide", "decided", "describe", "described",
            "develop", "developed", "did", "discuss", "discussed", "done", "enclose", "enclosed", "enclosing", "ensure",
            "establish", "established", "expect", "expected", "feel", "find", "follow", "followed", "following", "found",
            "get", "give", "given", "go", "going", "got", "help", "held", "hold", "hope", "include", "included",
            "including", "increase", "increased", "indicate", "indicated", "keep", "know", "known", "leave", "let",
            "like", "look", "made", "make", "making", "meet", "meeting", "must", "need", "needed", "note", "noted",
            "obtain", "obtained", "offer", "open", "order", "ordered", "paid", "pay", "plan", "planned", "please",
            "prepare", "prepared", "present", "presented", "provide", "provided", "put", "read", "receive", "received",
            "reduce", "reduced", "refer", "regarding", "remain", "report", "reported", "request", "requested",
            "require", "required", "review", "reviewed", "said", "say", "see", "seen", "send", "sent", "set", "should",
            "show", "shown", "sign", "signed", "start", "started", "submit", "submitted", "suggest", "take", "taken",
            "tell", "thank", "thanks", "think", "told", "took", "try", "use", "used", "using", "want", "wish", "work",
            "worked", "write", "written", "wrote", "would", "enclosure", "sincerely", "dear", "yours", "truly",
            "regards", "cordially", "respectfully",
            // Adjectives and adverbs.
            "able", "additional", "all", "also", "annual", "another", "available", "best", "better", "each", "early",
            "either", "every", "few", "final", "first", "following", "free", "full", "further", "general", "good",
            "great", "high", "higher", "important", "large", "last", "late", "least", "less", "little", "long", "low",
            "lower", "main", "major", "many", "more", "most", "much", "necessary", "new", "next", "no", "not", "now",
            "old", "only", "other", "own", "particular", "possible", "present", "previous", "primary", "private",
            "public", "recent", "same", "second", "several", "short", "significant", "similar", "small", "special",
            "specific", "such", "third", "total", "very", "well", "whole", "yet", "already", "approximately", "however",
            "therefore", "please", "here", "there", "today", "tomorrow", "yesterday", "again", "always", "never",
            "still", "just", "even", "only", "about", "above", "below", "after", "before", "during", "since", "until",
            "within", "without", "against", "between", "among", "through", "upon", "because", "while", "although",
            // Nouns that documents use everywhere.
            "account", "action", "activity", "address", "agenda", "amount", "analysis", "answer", "application",
            "area", "attention", "basis", "board", "budget", "business", "case", "center", "chairman", "change",
            "committee", "company", "conference", "contract", "copy", "cost", "council", "date", "day", "department",
            "description", "development", "director", "division", "document", "education", "effect", "effects",
            "end", "evaluation", "expenses", "fact", "fax", "figure", "file", "food", "form", "fund", "group", "health",
            "information", "interest", "issue", "item", "letter", "level", "list", "manager", "market", "material",
            "matter", "meeting", "member", "members", "memo", "memorandum", "method", "month", "name", "number",
            "office", "page", "paper", "part", "people", "per", "percent", "period", "person", "phone", "place",
            "plan", "point", "policy", "position", "president", "problem", "process", "product", "products",
            "program", "project", "purpose", "question", "rate", "reason", "record", "report", "research", "result",
            "results", "review", "sales", "sample", "schedule", "secretary", "section", "service", "services",
            "sheet", "staff", "state", "statement", "study", "subject", "summary", "system", "table", "telephone",
            "test", "time", "title", "total", "treatment", "use", "value", "week", "work", "year", "years",
            "data", "support", "response", "risk", "control", "water", "sugar", "tobacco", "smoking", "cigarettes",
        ]
    }
}
