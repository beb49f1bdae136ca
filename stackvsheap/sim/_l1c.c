/* The simulator's per-access and per-step hot paths in C:
 *  - L1: the same true-LRU, write-allocate model as cache.py's `fast_access`
 *    closures, state for state; `rec_read`/`rec_write` are its recording
 *    `access` closures, logging each access into buffers `take_log` drains;
 *  - StepLog: trace.Recorder's per-step `step` closure;
 *  - WriteLog: the recording's cell writes in typed chunks (_writelog.h);
 *  - gc_mark / gc_sweep: gc.py's mark and sweep loops.
 *
 * Optional: the build compiles it where a C compiler is present, and
 * cache.py and trace.py fall back to their pure-Python closures where it is
 * absent (or STACKVSHEAP_PURE=1). tests/sim/test_cache_compiled.py,
 * test_recorder_compiled.py and test_trace_golden.py prove both paths give
 * the same counters, resident lines, recordings and trace JSON.
 *
 * State, per set s: lru[s*ways .. s*ways+ways) the line numbers, least
 * recently used first (-1 = empty); phys[...] the same lines by physical
 * way. `export`/`load` move it to and from cache.py's lists. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    PyObject_HEAD
    Py_ssize_t sets, ways;
    int shift;
    int64_t mask;
    int64_t *lru, *phys;
    int64_t last;
    long long hits, misses;
    /* recorded runs: the access log not yet taken by `take_log` */
    uint64_t *lg_addr, *lg_meta;
    Py_ssize_t lg_n, lg_cap;
    long long lg_taken;
} L1;

static void l1_zero(L1 *c) {
    Py_ssize_t n = c->sets * c->ways;
    for (Py_ssize_t i = 0; i < n; i++) { c->lru[i] = -1; c->phys[i] = -1; }
    c->last = -1; c->hits = 0; c->misses = 0;
}

/* Touch one line; 1 on a miss. */
static inline int touch(L1 *c, int64_t line) {
    Py_ssize_t w = c->ways;
    int64_t *lru = c->lru + (line & c->mask) * w;
    c->last = line;
    if (lru[w - 1] == line) { c->hits++; return 0; }
    for (Py_ssize_t i = w - 2; i >= 0; i--) {
        if (lru[i] == line) {
            memmove(lru + i, lru + i + 1, (size_t)(w - 1 - i) * sizeof(int64_t));
            lru[w - 1] = line;
            c->hits++;
            return 0;
        }
    }
    int64_t victim = lru[0];
    memmove(lru, lru + 1, (size_t)(w - 1) * sizeof(int64_t));
    lru[w - 1] = line;
    int64_t *phys = c->phys + (line & c->mask) * w;
    for (Py_ssize_t i = 0; i < w; i++) {
        if (phys[i] == victim) { phys[i] = line; break; }
    }
    c->misses++;
    return 1;
}

static inline int access1(L1 *c, int64_t addr, int64_t size) {
    int64_t line = addr >> c->shift;
    int64_t end = (addr + size - 1) >> c->shift;
    if (line == end) {
        if (line == c->last) { c->hits++; return 0; }
        return touch(c, line);
    }
    if (size <= 0) return 0;
    int n = 0;
    for (int64_t ln = line; ln <= end; ln++) n += touch(c, ln);
    return n;
}

static int get_i64(PyObject *o, int64_t *out) {
    long long v = PyLong_AsLongLong(o);
    if (v == -1 && PyErr_Occurred()) return -1;
    *out = (int64_t)v;
    return 0;
}

static PyObject *l1_access(L1 *c, PyObject *const *args, Py_ssize_t nargs) {
    int64_t addr, size;
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, "access(addr, size)"); return NULL; }
    if (get_i64(args[0], &addr) || get_i64(args[1], &size)) return NULL;
    return PyLong_FromLong(access1(c, addr, size));
}

/* Touch one line as `touch` does, and say which physical way holds it
 * now (the way hit, or the victim's way on a miss); 1 on a miss. */
static inline int touch_way(L1 *c, int64_t line, Py_ssize_t *way) {
    Py_ssize_t w = c->ways;
    int64_t *lru = c->lru + (line & c->mask) * w;
    int64_t *phys = c->phys + (line & c->mask) * w;
    c->last = line;
    for (Py_ssize_t i = w - 1; i >= 0; i--) {
        if (lru[i] == line) {
            if (i != w - 1) {
                memmove(lru + i, lru + i + 1, (size_t)(w - 1 - i) * sizeof(int64_t));
                lru[w - 1] = line;
            }
            c->hits++;
            for (Py_ssize_t j = 0; j < w; j++)
                if (phys[j] == line) { *way = j; break; }
            return 0;
        }
    }
    int64_t victim = lru[0];
    memmove(lru, lru + 1, (size_t)(w - 1) * sizeof(int64_t));
    lru[w - 1] = line;
    for (Py_ssize_t i = 0; i < w; i++) {
        if (phys[i] == victim) { phys[i] = line; *way = i; break; }
    }
    c->misses++;
    return 1;
}

static int log_grow(L1 *c) {
    Py_ssize_t cap = c->lg_cap ? c->lg_cap * 2 : 65536;
    uint64_t *a = PyMem_Realloc(c->lg_addr, (size_t)cap * sizeof(uint64_t));
    if (a == NULL) { PyErr_NoMemory(); return -1; }
    c->lg_addr = a;
    uint64_t *m = PyMem_Realloc(c->lg_meta, (size_t)cap * sizeof(uint64_t));
    if (m == NULL) { PyErr_NoMemory(); return -1; }
    c->lg_meta = m;
    c->lg_cap = cap;
    return 0;
}

/* cache.py's recording `access`: the LRU update, then one log entry,
 * addr and size << 16 | way << 8 | write << 1 | missed. */
static PyObject *rec_access(L1 *c, PyObject *const *args, Py_ssize_t nargs, int flag) {
    int64_t addr, size;
    if (nargs != 2) { PyErr_SetString(PyExc_TypeError, "access(addr, size)"); return NULL; }
    if (get_i64(args[0], &addr) || get_i64(args[1], &size)) return NULL;
    if (addr < 0 || size < 0 || size >= ((int64_t)1 << 47)) {
        PyErr_SetString(PyExc_OverflowError, "access log entry out of range");
        return NULL;
    }
    if (c->lg_n == c->lg_cap && log_grow(c)) return NULL;
    int64_t line = addr >> c->shift;
    int64_t end = (addr + size - 1) >> c->shift;
    int n = 0;
    Py_ssize_t way = 0, w;
    if (size > 0) {
        n = touch_way(c, line, &way);
        for (int64_t ln = line + 1; ln <= end; ln++) n += touch_way(c, ln, &w);
    }
    c->lg_addr[c->lg_n] = (uint64_t)addr;
    c->lg_meta[c->lg_n] = (uint64_t)size << 16 | (uint64_t)way << 8 | (uint64_t)flag | (n > 0);
    c->lg_n++;
    return PyLong_FromLong(n);
}

static PyObject *l1_rec_read(L1 *c, PyObject *const *args, Py_ssize_t nargs) {
    return rec_access(c, args, nargs, 0);
}

static PyObject *l1_rec_write(L1 *c, PyObject *const *args, Py_ssize_t nargs) {
    return rec_access(c, args, nargs, 2);
}

static int append_bytes(PyObject *arr, const void *buf, Py_ssize_t nbytes) {
    PyObject *mv = PyMemoryView_FromMemory((char *)buf, nbytes, PyBUF_READ);
    if (mv == NULL) return -1;
    PyObject *r = PyObject_CallMethod(arr, "frombytes", "O", mv);
    Py_DECREF(mv);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

#define BIG_SIZE 0xFFFF  /* trace.BIG_SIZE: a saturated size field */

/* take_log(addrs, metas, big): append the entries logged since the last
 * take to addrs (array "Q", straight from the buffer: a step that frees a
 * million boxes logs millions of entries) and metas (array "I", each entry
 * with its size saturated at BIG_SIZE; such sizes go to the dict big, by
 * access index), as trace.Recorder's pure meta_log stores them. */
static PyObject *l1_take_log(L1 *c, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyDict_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "take_log(addrs, metas, big)");
        return NULL;
    }
    if (append_bytes(args[0], c->lg_addr, c->lg_n * (Py_ssize_t)sizeof(uint64_t))) return NULL;
    uint32_t *m32 = PyMem_Malloc((size_t)(c->lg_n ? c->lg_n : 1) * sizeof(uint32_t));
    if (m32 == NULL) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < c->lg_n; i++) {
        uint64_t m = c->lg_meta[i], size = m >> 16;
        if (size >= BIG_SIZE) {
            PyObject *k = PyLong_FromLongLong(c->lg_taken + i), *v = PyLong_FromUnsignedLongLong(size);
            int bad = k == NULL || v == NULL || PyDict_SetItem(args[2], k, v);
            Py_XDECREF(k);
            Py_XDECREF(v);
            if (bad) { PyMem_Free(m32); return NULL; }
            m = (uint64_t)BIG_SIZE << 16 | (m & 0xFFFF);
        }
        m32[i] = (uint32_t)m;
    }
    int bad = append_bytes(args[1], m32, c->lg_n * (Py_ssize_t)sizeof(uint32_t));
    PyMem_Free(m32);
    if (bad) return NULL;
    c->lg_taken += c->lg_n;
    c->lg_n = 0;
    if (c->lg_cap > (1 << 20)) {  /* give a burst's buffers back */
        PyMem_Free(c->lg_addr);
        PyMem_Free(c->lg_meta);
        c->lg_addr = c->lg_meta = NULL;
        c->lg_cap = 0;
    }
    Py_RETURN_NONE;
}

static PyObject *l1_access2(L1 *c, PyObject *const *args, Py_ssize_t nargs) {
    int64_t a1, a2, size;
    if (nargs != 3) { PyErr_SetString(PyExc_TypeError, "access2(a1, a2, size)"); return NULL; }
    if (get_i64(args[0], &a1) || get_i64(args[1], &a2) || get_i64(args[2], &size)) return NULL;
    int n = access1(c, a1, size);
    return PyLong_FromLong(n + access1(c, a2, size));
}

/* replay(seq): access(addr, size) for each (addr, size, is_write) in seq. */
static PyObject *l1_replay(L1 *c, PyObject *seq) {
    PyObject *fast = PySequence_Fast(seq, "replay needs a sequence");
    if (fast == NULL) return NULL;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *t = items[i];
        int64_t addr, size;
        if (!PyTuple_Check(t) || PyTuple_GET_SIZE(t) < 2) {
            Py_DECREF(fast);
            PyErr_SetString(PyExc_TypeError, "replay needs (addr, size, is_write) tuples");
            return NULL;
        }
        if (get_i64(PyTuple_GET_ITEM(t, 0), &addr) || get_i64(PyTuple_GET_ITEM(t, 1), &size)) {
            Py_DECREF(fast);
            return NULL;
        }
        access1(c, addr, size);
    }
    Py_DECREF(fast);
    Py_RETURN_NONE;
}

static PyObject *l1_zero_m(L1 *c, PyObject *unused) {
    l1_zero(c);
    Py_RETURN_NONE;
}

static PyObject *lists_of(const int64_t *a, Py_ssize_t sets, Py_ssize_t ways) {
    PyObject *out = PyList_New(sets);
    if (out == NULL) return NULL;
    for (Py_ssize_t s = 0; s < sets; s++) {
        PyObject *row = PyList_New(ways);
        if (row == NULL) { Py_DECREF(out); return NULL; }
        for (Py_ssize_t w = 0; w < ways; w++) {
            PyObject *v = PyLong_FromLongLong(a[s * ways + w]);
            if (v == NULL) { Py_DECREF(row); Py_DECREF(out); return NULL; }
            PyList_SET_ITEM(row, w, v);
        }
        PyList_SET_ITEM(out, s, row);
    }
    return out;
}

/* export() -> (lru rows, phys rows, last, hits, misses) */
static PyObject *l1_export(L1 *c, PyObject *unused) {
    PyObject *lru = lists_of(c->lru, c->sets, c->ways);
    PyObject *phys = lru ? lists_of(c->phys, c->sets, c->ways) : NULL;
    if (phys == NULL) { Py_XDECREF(lru); return NULL; }
    return Py_BuildValue("(NNLLL)", lru, phys, (long long)c->last, c->hits, c->misses);
}

static int fill_from(int64_t *a, PyObject *rows, Py_ssize_t sets, Py_ssize_t ways) {
    if (!PyList_Check(rows) || PyList_GET_SIZE(rows) != sets) goto bad;
    for (Py_ssize_t s = 0; s < sets; s++) {
        PyObject *row = PyList_GET_ITEM(rows, s);
        if (!PyList_Check(row) || PyList_GET_SIZE(row) != ways) goto bad;
        for (Py_ssize_t w = 0; w < ways; w++)
            if (get_i64(PyList_GET_ITEM(row, w), &a[s * ways + w])) return -1;
    }
    return 0;
bad:
    PyErr_SetString(PyExc_ValueError, "state rows do not match the cache geometry");
    return -1;
}

/* packed() -> bytes: L1Cache.snapshot()'s array("q") layout, native int64:
 * last, hits, misses, the LRU rows, the physical rows */
static PyObject *l1_packed(L1 *c, PyObject *unused) {
    Py_ssize_t n = c->sets * c->ways;
    PyObject *b = PyBytes_FromStringAndSize(NULL, (3 + 2 * n) * (Py_ssize_t)sizeof(int64_t));
    if (b == NULL) return NULL;
    int64_t *out = (int64_t *)PyBytes_AS_STRING(b);
    out[0] = c->last;
    out[1] = c->hits;
    out[2] = c->misses;
    memcpy(out + 3, c->lru, (size_t)n * sizeof(int64_t));
    memcpy(out + 3 + n, c->phys, (size_t)n * sizeof(int64_t));
    return b;
}

/* load(lru rows, phys rows, last, hits, misses) */
static PyObject *l1_load(L1 *c, PyObject *args) {
    PyObject *lru, *phys;
    long long last, hits, misses;
    if (!PyArg_ParseTuple(args, "OOLLL", &lru, &phys, &last, &hits, &misses)) return NULL;
    if (fill_from(c->lru, lru, c->sets, c->ways) || fill_from(c->phys, phys, c->sets, c->ways))
        return NULL;
    c->last = last; c->hits = hits; c->misses = misses;
    Py_RETURN_NONE;
}

static PyObject *l1_counts(L1 *c, PyObject *unused) {
    return Py_BuildValue("(LL)", c->hits, c->misses);
}

static int l1_init(L1 *c, PyObject *args, PyObject *kw) {
    Py_ssize_t sets, ways;
    int shift;
    if (!PyArg_ParseTuple(args, "nni", &sets, &ways, &shift)) return -1;
    if (sets <= 0 || ways <= 0 || (sets & (sets - 1)) || shift < 0 || shift > 62) {
        PyErr_SetString(PyExc_ValueError, "bad cache geometry");
        return -1;
    }
    PyMem_Free(c->lru);
    PyMem_Free(c->phys);
    c->lru = PyMem_Malloc((size_t)(sets * ways) * sizeof(int64_t));
    c->phys = PyMem_Malloc((size_t)(sets * ways) * sizeof(int64_t));
    if (c->lru == NULL || c->phys == NULL) { PyErr_NoMemory(); return -1; }
    c->sets = sets; c->ways = ways; c->shift = shift; c->mask = sets - 1;
    l1_zero(c);
    return 0;
}

static void l1_dealloc(L1 *c) {
    PyMem_Free(c->lru);
    PyMem_Free(c->phys);
    PyMem_Free(c->lg_addr);
    PyMem_Free(c->lg_meta);
    Py_TYPE(c)->tp_free((PyObject *)c);
}

static PyMethodDef l1_methods[] = {
    {"access", (PyCFunction)(void (*)(void))l1_access, METH_FASTCALL, "access(addr, size) -> misses"},
    {"access2", (PyCFunction)(void (*)(void))l1_access2, METH_FASTCALL, "access(a1, size) then access(a2, size)"},
    {"replay", (PyCFunction)l1_replay, METH_O, "access each (addr, size, is_write) in order"},
    {"zero", (PyCFunction)l1_zero_m, METH_NOARGS, "empty the cache, zero the counters"},
    {"export", (PyCFunction)l1_export, METH_NOARGS, "(lru, phys, last, hits, misses)"},
    {"packed", (PyCFunction)l1_packed, METH_NOARGS, "the state as L1Cache.snapshot() packs it, as bytes"},
    {"load", (PyCFunction)l1_load, METH_VARARGS, "load(lru, phys, last, hits, misses)"},
    {"counts", (PyCFunction)l1_counts, METH_NOARGS, "(hits, misses)"},
    {"rec_read", (PyCFunction)(void (*)(void))l1_rec_read, METH_FASTCALL, "a recorded read access: misses"},
    {"rec_write", (PyCFunction)(void (*)(void))l1_rec_write, METH_FASTCALL, "a recorded write access: misses"},
    {"take_log", (PyCFunction)(void (*)(void))l1_take_log, METH_FASTCALL, "take_log(addrs, metas, big): append the entries logged since the last take"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject L1Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "stackvsheap.sim._l1c.L1",
    .tp_basicsize = sizeof(L1),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "L1(sets, ways, line_shift): the compiled LRU cache state",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)l1_init,
    .tp_dealloc = (destructor)l1_dealloc,
    .tp_methods = l1_methods,
};

/* ---- the recorder's per-step record -------------------------------------
 *
 * StepLog(cache, frames, wlog, events, machine, totals, flush, snap,
 *         chunk, every): trace.Recorder's `step` closure in C. Each step
 * buffers its position row (line, col, depth, len(wlog), len(events),
 * accesses so far, sp) and its counters row (trace.COUNTERS); `flush(cols,
 * ctrs)` receives them, cols as one bytes object per column (int32 for the
 * first three, uint32 for the next three, int64 for sp) and ctrs as int64
 * rows, when `chunk` counter rows are
 * full, before the step's own counters are added (as the closure packs
 * first), and `snap(n)` is called at the first step boundary after every
 * `every` accesses. */

#define NCOL 7
#define NCOL_I32 3  /* line, col, depth: array("i") columns */
#define NCOL_U32 3  /* len(wlog), len(events), accesses: array("I"); then sp, array("q") */
#define NCTR 14

static const char *ctr_names[NCTR] = {
    "steps", "heap_allocs", "heap_reallocs", "heap_frees", "heap_bytes", "gc_cycles",
    "gc_marked", "gc_swept", NULL, NULL, "alloc_cycles", "gc_work_cycles",
    "frame_cycles", "stack_peak_bytes",
};

typedef struct {
    PyObject_HEAD
    L1 *cache;
    PyObject *frames, *wlog, *events, *m, *t, *flush, *snap;
    PyObject *names[NCTR];
    Py_ssize_t offs[NCTR];  /* the counters' slot offsets in totals, -1: read by name */
    PyObject *sp_name;
    int64_t *cols, *ctrs;
    Py_ssize_t ncol, colcap, nctr, chunk;
    long long steps_taken, snap_at, every;
} StepLog;

/* The offset of a __slots__ member in instances of `type` (-1 and an error
 * when `name` is not one): read with SLOT, no attribute lookup. */
static Py_ssize_t slot_offset(PyObject *type, const char *name) {
    PyObject *d = PyObject_GetAttrString(type, name);
    if (d == NULL) return -1;
    Py_ssize_t off = -1;
    if (Py_IS_TYPE(d, &PyMemberDescr_Type))
        off = ((PyMemberDescrObject *)d)->d_member->offset;
    else
        PyErr_Format(PyExc_TypeError, "%s is not a slot", name);
    Py_DECREF(d);
    return off;
}

#define SLOT(o, off) (*(PyObject **)((char *)(o) + (off)))

static int attr_i64(PyObject *o, PyObject *name, int64_t *out) {
    PyObject *v = PyObject_GetAttr(o, name);
    if (v == NULL) return -1;
    int r = get_i64(v, out);
    Py_DECREF(v);
    return r;
}

static int log_list_len(PyObject *o, int64_t *out) {
    if (PyList_CheckExact(o)) { *out = PyList_GET_SIZE(o); return 0; }
    Py_ssize_t n = PyObject_Length(o);
    if (n < 0) return -1;
    *out = n;
    return 0;
}

/* hand the buffered rows to flush(cols, ctrs); the buffers are empty after,
 * even if flush raises (it has the rows by then) */
static PyObject *column_bytes(StepLog *g, int k) {
    int kind = k < NCOL_I32 ? 0 : (k < NCOL_I32 + NCOL_U32 ? 1 : 2);
    Py_ssize_t width = kind == 2 ? (Py_ssize_t)sizeof(int64_t) : (Py_ssize_t)sizeof(int32_t);
    PyObject *b = PyBytes_FromStringAndSize(NULL, g->ncol * width);
    if (b == NULL) return NULL;
    char *out = PyBytes_AS_STRING(b);
    for (Py_ssize_t i = 0; i < g->ncol; i++) {
        int64_t v = g->cols[i * NCOL + k];
        if (kind == 0) {
            if (v < INT32_MIN || v > INT32_MAX) goto overflow;
            int32_t n = (int32_t)v;
            memcpy(out + i * width, &n, sizeof n);
        } else if (kind == 1) {
            if (v < 0 || v > (int64_t)UINT32_MAX) goto overflow;
            uint32_t n = (uint32_t)v;
            memcpy(out + i * width, &n, sizeof n);
        } else {
            memcpy(out + i * width, &v, sizeof v);
        }
    }
    return b;
overflow:
    Py_DECREF(b);
    PyErr_SetString(PyExc_OverflowError, "a recorded step column is out of its array type's range");
    return NULL;
}

static int steplog_flush(StepLog *g) {
    PyObject *cols = PyTuple_New(NCOL);
    if (cols == NULL) return -1;
    for (int k = 0; k < NCOL; k++) {
        PyObject *b = column_bytes(g, k);
        if (b == NULL) { Py_DECREF(cols); return -1; }
        PyTuple_SET_ITEM(cols, k, b);
    }
    PyObject *ctrs = PyBytes_FromStringAndSize((const char *)g->ctrs, g->nctr * NCTR * (Py_ssize_t)sizeof(int64_t));
    if (ctrs == NULL) { Py_DECREF(cols); return -1; }
    g->steps_taken += g->ncol;
    g->ncol = 0;
    g->nctr = 0;
    PyObject *r = PyObject_CallFunctionObjArgs(g->flush, cols, ctrs, NULL);
    Py_DECREF(cols);
    Py_DECREF(ctrs);
    if (r == NULL) return -1;
    Py_DECREF(r);
    return 0;
}

static PyObject *steplog_step(StepLog *g, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) { PyErr_SetString(PyExc_TypeError, "step(line, col, frame)"); return NULL; }
    if (g->ncol == g->colcap) {
        Py_ssize_t cap = g->colcap * 2;
        int64_t *a = PyMem_Realloc(g->cols, (size_t)(cap * NCOL) * sizeof(int64_t));
        if (a == NULL) return PyErr_NoMemory();
        g->cols = a;
        g->colcap = cap;
    }
    int64_t *row = g->cols + g->ncol * NCOL;
    L1 *c = g->cache;
    int64_t nacc = c->lg_taken + c->lg_n;
    if (get_i64(args[0], &row[0]) || get_i64(args[1], &row[1]) || log_list_len(g->frames, &row[2])
        || log_list_len(g->wlog, &row[3]) || log_list_len(g->events, &row[4])
        || attr_i64(g->m, g->sp_name, &row[6]))
        return NULL;
    row[5] = nacc;
    g->ncol++;
    if (nacc - g->snap_at >= g->every) {
        g->snap_at = nacc;
        PyObject *n = PyLong_FromLongLong(nacc);
        PyObject *r = n ? PyObject_CallOneArg(g->snap, n) : NULL;
        Py_XDECREF(n);
        if (r == NULL) return NULL;
        Py_DECREF(r);
    }
    if (g->nctr == g->chunk && steplog_flush(g)) return NULL;
    int64_t *ctr = g->ctrs + g->nctr * NCTR;
    for (int k = 0; k < NCTR; k++) {
        if (g->names[k] == NULL) continue;
        if (g->offs[k] >= 0) {
            PyObject *v = SLOT(g->t, g->offs[k]);
            if (v == NULL) { PyErr_SetObject(PyExc_AttributeError, g->names[k]); return NULL; }
            if (get_i64(v, &ctr[k])) return NULL;
        } else if (attr_i64(g->t, g->names[k], &ctr[k])) {
            return NULL;
        }
    }
    ctr[0] -= 1;
    ctr[8] = c->hits;
    ctr[9] = c->misses;
    g->nctr++;
    Py_RETURN_NONE;
}

static PyObject *steplog_flush_m(StepLog *g, PyObject *unused) {
    if (steplog_flush(g)) return NULL;
    Py_RETURN_NONE;
}

/* steps recorded so far, buffered or flushed */
static PyObject *steplog_count(StepLog *g, PyObject *unused) {
    return PyLong_FromLongLong(g->steps_taken + g->ncol);
}

static int steplog_init(StepLog *g, PyObject *args, PyObject *kw) {
    PyObject *cache, *frames, *wlog, *events, *m, *t, *flush, *snap;
    Py_ssize_t chunk;
    long long every;
    if (!PyArg_ParseTuple(args, "O!OOOOOOOnL", &L1Type, &cache, &frames, &wlog, &events, &m, &t,
                          &flush, &snap, &chunk, &every))
        return -1;
    if (chunk <= 0 || every <= 0) {
        PyErr_SetString(PyExc_ValueError, "chunk and every must be positive");
        return -1;
    }
    PyObject *refs[] = {cache, frames, wlog, events, m, t, flush, snap};
    PyObject **slots[] = {(PyObject **)&g->cache, &g->frames, &g->wlog, &g->events, &g->m, &g->t, &g->flush, &g->snap};
    for (int i = 0; i < 8; i++) {
        Py_INCREF(refs[i]);
        Py_XSETREF(*slots[i], refs[i]);
    }
    for (int k = 0; k < NCTR; k++) {
        Py_CLEAR(g->names[k]);
        if (ctr_names[k] && (g->names[k] = PyUnicode_InternFromString(ctr_names[k])) == NULL) return -1;
        g->offs[k] = -1;
        if (ctr_names[k] && (g->offs[k] = slot_offset((PyObject *)Py_TYPE(t), ctr_names[k])) < 0)
            PyErr_Clear();  /* not a slot: read by name */
    }
    Py_XSETREF(g->sp_name, PyUnicode_InternFromString("sp"));
    if (g->sp_name == NULL) return -1;
    PyMem_Free(g->cols);
    PyMem_Free(g->ctrs);
    g->colcap = chunk + 1;
    g->cols = PyMem_Malloc((size_t)(g->colcap * NCOL) * sizeof(int64_t));
    g->ctrs = PyMem_Malloc((size_t)(chunk * NCTR) * sizeof(int64_t));
    if (g->cols == NULL || g->ctrs == NULL) { PyErr_NoMemory(); return -1; }
    g->ncol = g->nctr = 0;
    g->chunk = chunk;
    g->steps_taken = 0;
    g->every = every;
    g->snap_at = -every;
    return 0;
}

static int steplog_traverse(StepLog *g, visitproc visit, void *arg) {
    Py_VISIT(g->cache);
    Py_VISIT(g->frames);
    Py_VISIT(g->wlog);
    Py_VISIT(g->events);
    Py_VISIT(g->m);
    Py_VISIT(g->t);
    Py_VISIT(g->flush);
    Py_VISIT(g->snap);
    return 0;
}

static int steplog_clear(StepLog *g) {
    Py_CLEAR(g->cache);
    Py_CLEAR(g->frames);
    Py_CLEAR(g->wlog);
    Py_CLEAR(g->events);
    Py_CLEAR(g->m);
    Py_CLEAR(g->t);
    Py_CLEAR(g->flush);
    Py_CLEAR(g->snap);
    return 0;
}

static void steplog_dealloc(StepLog *g) {
    PyObject_GC_UnTrack(g);
    steplog_clear(g);
    for (int k = 0; k < NCTR; k++) Py_CLEAR(g->names[k]);
    Py_CLEAR(g->sp_name);
    PyMem_Free(g->cols);
    PyMem_Free(g->ctrs);
    Py_TYPE(g)->tp_free((PyObject *)g);
}

static PyMethodDef steplog_methods[] = {
    {"step", (PyCFunction)(void (*)(void))steplog_step, METH_FASTCALL, "step(line, col, frame): record a step's start"},
    {"flush", (PyCFunction)steplog_flush_m, METH_NOARGS, "hand every buffered row to flush"},
    {"count", (PyCFunction)steplog_count, METH_NOARGS, "steps recorded so far"},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject StepLogType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "stackvsheap.sim._l1c.StepLog",
    .tp_basicsize = sizeof(StepLog),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "StepLog(cache, frames, wlog, events, machine, totals, flush, snap, chunk, every)",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)steplog_init,
    .tp_traverse = (traverseproc)steplog_traverse,
    .tp_clear = (inquiry)steplog_clear,
    .tp_dealloc = (destructor)steplog_dealloc,
    .tp_methods = steplog_methods,
};


#include "_writelog.h"

/* ---- Go's GC mark and sweep over the simulator's blocks (gc.py's loops) ----
 * The blocks are Python objects with __slots__; their slots are read and
 * written at the member descriptors' offsets, so a cycle over a million
 * blocks makes no attribute lookups. Same order, same results as gc.py's
 * pure loops (tests/sim/test_gc_compiled.py). */


static void slot_set(PyObject *o, Py_ssize_t off, PyObject *v) {
    PyObject *old = SLOT(o, off);
    Py_INCREF(v);
    SLOT(o, off) = v;
    Py_XDECREF(old);
}

static int log_colour(PyObject *logs, PyObject *b, long old, long new_) {
    if (PyList_Append(PyTuple_GET_ITEM(logs, 0), b) < 0) return -1;
    for (int k = 1; k <= 2; k++) {
        PyObject *ba = PyTuple_GET_ITEM(logs, k);
        Py_ssize_t n = PyByteArray_GET_SIZE(ba);
        if (PyByteArray_Resize(ba, n + 1) < 0) return -1;
        PyByteArray_AS_STRING(ba)[n] = (char)(k == 1 ? old : new_);
    }
    return 0;
}

/* gc_mark(roots, types, scan_of, logs, heap) -> (marked_objs, others, nmarked, scanned)
 * types: (Block, Ptr, SliceV, StrV, IfaceV, FuncV); scan_of(elem) -> bool;
 * logs: None or (blocks, old colours, new colours); heap: the HEAP constant. */
static PyObject *gc_mark(PyObject *self, PyObject *args) {
    PyObject *roots, *types, *scan_of, *logs, *heap_c;
    if (!PyArg_ParseTuple(args, "O!O!OOO", &PyList_Type, &roots, &PyTuple_Type, &types,
                          &scan_of, &logs, &heap_c))
        return NULL;
    if (PyTuple_GET_SIZE(types) != 6) { PyErr_SetString(PyExc_ValueError, "six types"); return NULL; }
    if (logs == Py_None) logs = NULL;
    long HEAPV = PyLong_AsLong(heap_c);
    PyTypeObject *T[6];
    for (int k = 0; k < 6; k++) T[k] = (PyTypeObject *)PyTuple_GET_ITEM(types, k);
    PyObject *BT = (PyObject *)T[0];
    Py_ssize_t o_mark = slot_offset(BT, "mark"), o_where = slot_offset(BT, "where"),
               o_info = slot_offset(BT, "info"), o_elem = slot_offset(BT, "elem"),
               o_cells = slot_offset(BT, "cells");
    Py_ssize_t o_blk[4];
    for (int k = 0; k < 4; k++) o_blk[k] = slot_offset((PyObject *)T[k + 1], "block");
    Py_ssize_t o_env = slot_offset((PyObject *)T[5], "env");
    if (PyErr_Occurred()) return NULL;
    PyObject *one = PyLong_FromLong(1), *two = PyLong_FromLong(2);
    PyObject *marked = PySet_New(NULL), *others = PyList_New(0), *grey = PyList_New(0);
    PyObject *res = NULL;
    long long nmarked = 0, scanned = 0;
    /* scan_of per element type: a few entries, keyed by the type object */
    PyObject *sc_key[16]; int sc_val[16]; int sc_n = 0;
    if (!one || !two || !marked || !others || !grey) goto done;

#define WHERE_HEAP(b) (PyLong_AsLong(SLOT(b, o_where)) == HEAPV)
#define MARKV(b) PyLong_AsLong(SLOT(b, o_mark))
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(roots); i++) {
        PyObject *r = PyList_GET_ITEM(roots, i);
        PyObject *held = NULL;
        if (Py_TYPE(r) != T[0]) {  /* a closure environment inside a frame */
            held = PyObject_GetAttrString(r, "block");
            if (held == NULL) goto done;
            r = held;
        }
        if (MARKV(r) == 0) {
            if (logs && WHERE_HEAP(r) && log_colour(logs, r, 0, 1) < 0) { Py_XDECREF(held); goto done; }
            slot_set(r, o_mark, one);
            if (PyList_Append(grey, r) < 0) { Py_XDECREF(held); goto done; }
        }
        Py_XDECREF(held);
    }
    while (PyList_GET_SIZE(grey) > 0) {
        Py_ssize_t n = PyList_GET_SIZE(grey);
        PyObject *b = PyList_GET_ITEM(grey, n - 1);
        Py_INCREF(b);
        if (PyList_SetSlice(grey, n - 1, n, NULL) < 0) { Py_DECREF(b); goto done; }
        PyObject *obj = SLOT(b, o_info);
        int heap = WHERE_HEAP(b);
        if (heap && obj != Py_None) {
            int c = PySet_Contains(marked, obj);
            if (c < 0 || (c == 0 && PySet_Add(marked, obj) < 0)) { Py_DECREF(b); goto done; }
            if (c == 0) nmarked++;
        } else if (PyList_Append(others, b) < 0) { Py_DECREF(b); goto done; }
        if (logs && heap && log_colour(logs, b, MARKV(b), 2) < 0) { Py_DECREF(b); goto done; }
        slot_set(b, o_mark, two);
        PyObject *elem = SLOT(b, o_elem);
        int scan = -1;
        for (int k = 0; k < sc_n; k++) if (sc_key[k] == elem) { scan = sc_val[k]; break; }
        if (scan < 0) {
            PyObject *v = PyObject_CallOneArg(scan_of, elem);
            if (v == NULL) { Py_DECREF(b); goto done; }
            scan = PyObject_IsTrue(v);
            Py_DECREF(v);
            if (scan < 0) { Py_DECREF(b); goto done; }
            if (sc_n < 16) { sc_key[sc_n] = elem; sc_val[sc_n++] = scan; }
        }
        if (scan) {
            PyObject *cells = SLOT(b, o_cells);
            Py_INCREF(cells);
            for (Py_ssize_t j = 0; j < PyList_GET_SIZE(cells); j++) {
                PyObject *v = PyList_GET_ITEM(cells, j);
                PyTypeObject *cls = Py_TYPE(v);
                PyObject *blk, *held = NULL;
                if (cls == T[1]) blk = SLOT(v, o_blk[0]);
                else if (cls == T[2]) blk = SLOT(v, o_blk[1]);
                else if (cls == T[3]) blk = SLOT(v, o_blk[2]);
                else if (cls == T[4]) blk = SLOT(v, o_blk[3]);
                else if (cls == T[5]) {
                    blk = SLOT(v, o_env);
                    if (blk != Py_None && Py_TYPE(blk) != T[0]) {
                        held = blk = PyObject_GetAttrString(blk, "block");
                        if (blk == NULL) { Py_DECREF(cells); Py_DECREF(b); goto done; }
                    }
                } else continue;
                scanned++;
                if (blk != Py_None && MARKV(blk) == 0) {
                    if (logs && WHERE_HEAP(blk) && log_colour(logs, blk, 0, 1) < 0) {
                        Py_XDECREF(held); Py_DECREF(cells); Py_DECREF(b); goto done;
                    }
                    slot_set(blk, o_mark, one);
                    if (PyList_Append(grey, blk) < 0) { Py_XDECREF(held); Py_DECREF(cells); Py_DECREF(b); goto done; }
                }
                Py_XDECREF(held);
            }
            Py_DECREF(cells);
        }
        Py_DECREF(b);
    }
    if (!PyErr_Occurred())
        res = Py_BuildValue("OOLL", marked, others, nmarked, scanned);
done:
    Py_XDECREF(one); Py_XDECREF(two);
    Py_XDECREF(marked); Py_XDECREF(others); Py_XDECREF(grey);
    return res;
#undef WHERE_HEAP
#undef MARKV
}

/* gc_sweep(heap_blocks, marked_objs, Block, rec_free) -> (survivors, dead objs)
 * In allocation order: a survivor turns white, a dead block is not alive
 * (rec_free(b) is called when recording); each dead object once, in order. */
static PyObject *gc_sweep(PyObject *self, PyObject *args) {
    PyObject *blocks, *marked, *BT, *rec_free;
    if (!PyArg_ParseTuple(args, "O!O!OO", &PyList_Type, &blocks, &PySet_Type, &marked, &BT, &rec_free))
        return NULL;
    Py_ssize_t o_mark = slot_offset(BT, "mark"), o_info = slot_offset(BT, "info"),
               o_alive = slot_offset(BT, "alive");
    if (PyErr_Occurred()) return NULL;
    PyObject *zero = PyLong_FromLong(0);
    PyObject *surv = PyList_New(0), *dead = PyList_New(0), *dead_set = PySet_New(NULL), *res = NULL;
    if (!zero || !surv || !dead || !dead_set) goto done;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(blocks); i++) {
        PyObject *b = PyList_GET_ITEM(blocks, i);
        PyObject *obj = SLOT(b, o_info);
        int c = PySet_Contains(marked, obj);
        if (c < 0) goto done;
        if (c) {
            slot_set(b, o_mark, zero);
            if (PyList_Append(surv, b) < 0) goto done;
            continue;
        }
        slot_set(b, o_alive, Py_False);
        if (rec_free != Py_None) {
            PyObject *r = PyObject_CallOneArg(rec_free, b);
            if (r == NULL) goto done;
            Py_DECREF(r);
        }
        c = PySet_Contains(dead_set, obj);
        if (c < 0) goto done;
        if (c == 0 && (PySet_Add(dead_set, obj) < 0 || PyList_Append(dead, obj) < 0)) goto done;
    }
    res = PyTuple_Pack(2, surv, dead);
done:
    Py_XDECREF(zero); Py_XDECREF(surv); Py_XDECREF(dead); Py_XDECREF(dead_set);
    return res;
}

static PyMethodDef l1c_functions[] = {
    {"gc_mark", gc_mark, METH_VARARGS, "gc_mark(roots, types, scan_of, logs, HEAP)"},
    {"gc_sweep", gc_sweep, METH_VARARGS, "gc_sweep(heap_blocks, marked_objs, Block, rec_free)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef l1c_module = {
    PyModuleDef_HEAD_INIT, "_l1c", "The simulator's hot paths, compiled.", -1, l1c_functions,
};

PyMODINIT_FUNC PyInit__l1c(void) {
    if (PyType_Ready(&L1Type) < 0 || PyType_Ready(&StepLogType) < 0 || PyType_Ready(&WriteLogType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&l1c_module);
    if (m == NULL) return NULL;
    Py_INCREF(&L1Type);
    if (PyModule_AddObject(m, "L1", (PyObject *)&L1Type) < 0) {
        Py_DECREF(&L1Type);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&StepLogType);
    if (PyModule_AddObject(m, "StepLog", (PyObject *)&StepLogType) < 0) {
        Py_DECREF(&StepLogType);
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&WriteLogType);
    if (PyModule_AddObject(m, "WriteLog", (PyObject *)&WriteLogType) < 0) {
        Py_DECREF(&WriteLogType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
