/* The L1 cache's unrecorded hot path in C: the same true-LRU,
 * write-allocate model as cache.py's `fast_access` closures, state for state.
 *
 * Optional: the build compiles it where a C compiler is present, and
 * cache.py falls back to its pure-Python closures where it is absent (or
 * STACKVSHEAP_PURE=1). tests/sim/test_cache_compiled.py proves both give the
 * same counters and the same resident lines on every corpus program.
 *
 * State, per set s: lru[s*ways .. s*ways+ways) the line numbers, least
 * recently used first (-1 = empty); phys[...] the same lines by physical
 * way. `export`/`load` move it to and from cache.py's lists. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
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
    Py_TYPE(c)->tp_free((PyObject *)c);
}

static PyMethodDef l1_methods[] = {
    {"access", (PyCFunction)(void (*)(void))l1_access, METH_FASTCALL, "access(addr, size) -> misses"},
    {"access2", (PyCFunction)(void (*)(void))l1_access2, METH_FASTCALL, "access(a1, size) then access(a2, size)"},
    {"replay", (PyCFunction)l1_replay, METH_O, "access each (addr, size, is_write) in order"},
    {"zero", (PyCFunction)l1_zero_m, METH_NOARGS, "empty the cache, zero the counters"},
    {"export", (PyCFunction)l1_export, METH_NOARGS, "(lru, phys, last, hits, misses)"},
    {"load", (PyCFunction)l1_load, METH_VARARGS, "load(lru, phys, last, hits, misses)"},
    {"counts", (PyCFunction)l1_counts, METH_NOARGS, "(hits, misses)"},
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

static struct PyModuleDef l1c_module = {
    PyModuleDef_HEAD_INIT, "_l1c", "The L1 cache's hot path, compiled.", -1, NULL,
};

PyMODINIT_FUNC PyInit__l1c(void) {
    if (PyType_Ready(&L1Type) < 0) return NULL;
    PyObject *m = PyModule_Create(&l1c_module);
    if (m == NULL) return NULL;
    Py_INCREF(&L1Type);
    if (PyModule_AddObject(m, "L1", (PyObject *)&L1Type) < 0) {
        Py_DECREF(&L1Type);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
